"""What a student reads, key -> {en, ko}: every text `phrases.say` can say.

Data only (imports nothing), so that whatever only needs to say a message does not load the
grader's wording of values (`messages`). The diagnoses' texts are each family's own
(grading/diagnosis/families/), a check kind's are its module's (grading/checks/); the reports'
labels are in render/words.py, in this same layout.
"""
from __future__ import annotations

TEXTS = {
    "type": {"en": "{name}: expected {expected}, got {actual}",
             "ko": "{name}: {expected}이(가) 와야 하는데 {actual}이(가) 나왔습니다"},
    "keys": {"en": "{name}: expected the keys {expected}, got {actual}",
             "ko": "{name}: 키가 {expected}이어야 하는데 {actual}입니다"},
    "shape": {"en": "{name}: expected shape {expected}, got shape {actual}",
              "ko": "{name}: 형상이 {expected}이어야 하는데 {actual}입니다"},
    "nonfinite": {"en": "{name}: contains {item} at index {index} where {expected_item} was expected "
                        "({count} of {size} elements not finite)",
                  "ko": "{name}: 인덱스 {index}에 {expected_item} 대신 {item}이(가) 있습니다 "
                        "(원소 {size}개 중 {count}개가 유한하지 않음)"},
    "value": {"en": "{name}: differs at index {index}: expected {expected_item}, got {actual_item} "
                    "(largest difference: abs {abs_diff}, rel {rel_diff}; {count} of {size} elements "
                    "differ)\n  expected: {expected}\n  got:      {actual}",
              "ko": "{name}: 인덱스 {index}에서 다릅니다: 기대값 {expected_item}, 실제값 {actual_item} "
                    "(최대 차이: 절대 {abs_diff}, 상대 {rel_diff}; 원소 {size}개 중 {count}개가 다름)\n"
                    "  기대값: {expected}\n  실제값: {actual}"},
    "scalar": {"en": "{name}: expected {expected_item}, got {actual_item} (difference: abs {abs_diff}, "
                     "rel {rel_diff})",
               "ko": "{name}: 기대값 {expected_item}, 실제값 {actual_item} (차이: 절대 {abs_diff}, 상대 {rel_diff})"},
    "context": {"en": "  with {inputs}", "ko": "  입력: {inputs}"},
    "code": {"en": "  the check ran:", "ko": "  검사에서 실행한 코드:"},
    "missing_name": {"en": "{name}: the check's code did not produce it",
                     "ko": "{name}: 검사 코드가 이 값을 만들지 못했습니다"},
    "raised": {"en": "{where} raised {type}: {message}",
               "ko": "{where}에서 {type} 예외가 발생했습니다: {message}"},
    "not_implemented": {"en": "not implemented yet: {where} raised NotImplementedError{message}",
                        "ko": "아직 구현되지 않았습니다: {where}에서 NotImplementedError가 발생했습니다{message}"},
    "load": {"en": "loading {file}", "ko": "{file}을(를) 불러오는 중"},
    "run": {"en": "running {file}", "ko": "{file}을(를) 실행하는 중"},
    "timeout_check": {"en": "timed out after {seconds:g} s (an endless loop?)",
                      "ko": "{seconds:g}초 안에 끝나지 않았습니다 (무한 루프인가요?)"},
    "timeout_load": {"en": "{file} did not finish loading within {seconds:g} s",
                     "ko": "{file}을(를) {seconds:g}초 안에 불러오지 못했습니다"},
    "timeout_importing": {"en": "{file} did not finish loading within {seconds:g} s: it was still "
                                "loading {module}",
                          "ko": "{file}을(를) {seconds:g}초 안에 불러오지 못했습니다: {module}을(를) "
                                "불러오는 중이었습니다"},
    "hung_before": {"en": "stopped: {file} loads {module}, which did not finish loading within "
                          "{seconds:g} s in exercise {exercise}",
                    "ko": "중단됨: {file}이(가) 불러오는 {module}이(가) {exercise}번 문제에서 "
                          "{seconds:g}초 안에 로딩을 끝내지 못했습니다"},
    "hung_itself": {"en": "stopped: {file} did not finish loading within {seconds:g} s when "
                          "exercise {exercise} loaded it",
                    "ko": "중단됨: {exercise}번 문제가 {file}을(를) 불러올 때 {seconds:g}초 안에 "
                          "로딩을 끝내지 못했습니다"},
    "not_run_timeout": {"en": "not run: the time of this exercise ran out in an earlier check",
                        "ko": "실행되지 않음: 앞선 검사에서 이 문제의 시간을 다 썼습니다"},
    "not_run_too_much": {"en": "not run: an earlier check sent far too much data back",
                         "ko": "실행되지 않음: 앞선 검사가 너무 많은 데이터를 돌려보냈습니다"},
    "crashed": {"en": "{detail}", "ko": "{detail}"},
    "too_much": {"en": "your code sent far too much data back", "ko": "코드가 너무 많은 데이터를 돌려보냈습니다"},
    "missing_file": {"en": "{file} is missing", "ko": "{file} 파일이 없습니다"},
    "submission_unreadable": {"en": "the submission cannot be read ({reason}): check its "
                                    "permissions",
                              "ko": "제출물을 읽을 수 없습니다 ({reason}): 권한을 확인하세요"},
    "grader_failed": {"en": "the grader failed on this submission: {error}",
                      "ko": "채점기가 이 제출물에서 실패했습니다: {error}"},
    "killed_again_alone": {"en": "a job of this exercise was killed by a signal while other "
                                 "students' code ran; graded again alone, at the end of the run",
                           "ko": "다른 학생의 코드가 실행되는 동안 이 문제의 작업이 신호로 "
                                 "종료되어, 실행이 끝날 때 혼자 다시 채점했습니다"},
    "bad_file": {"en": "{file} cannot be graded: {problem}", "ko": "{file}을(를) 채점할 수 없습니다: {problem}"},
    "eof": {"en": " (your code called input(), but the grader gives no input: use the values the "
                  "exercise gives instead)",
            "ko": " (코드가 input()을 호출했지만 채점기는 입력을 주지 않습니다: 문제에 주어진 값을 쓰세요)"},
    "too_large": {"en": " (the output limit was reached: print less)",
                  "ko": " (출력 한도에 도달했습니다: 출력을 줄이세요)"},
    "no_module": {"en": " (the grader has numpy and Python's standard library only: remove that "
                        "import, or put plotting under `if __name__ == \"__main__\":`)",
                  "ko": " (채점기에는 numpy와 파이썬 표준 라이브러리만 있습니다: 그 import를 지우거나 "
                        "그래프 그리는 코드는 `if __name__ == \"__main__\":` 아래에 두세요)"},
    "missing_names": {"en": "{file} does not define {missing}, which this exercise needs; it "
                            "defines {defined}",
                      "ko": "{file}에 이 문제에 필요한 {missing}이(가) 정의되어 있지 않습니다; "
                            "정의된 이름: {defined}"},
    "defines_nothing": {"en": "nothing (no public top-level name)",
                        "ko": "없음 (밑줄로 시작하지 않는 최상위 이름이 없습니다)"},
    "did_you_mean": {"en": "{found}: did you mean {wanted}? (a name must match exactly, capitals "
                           "included)",
                     "ko": "{found}: {wanted}을(를) 쓰려던 것인가요? (이름은 대소문자까지 똑같아야 "
                           "합니다)"},
    "variant_no_relu": {"en": "{where}: your network takes no `activation` argument, so the grader "
                              "builds the sigmoid network as the course does, by putting a Sigmoid "
                              "in place of the Relu layer of `self.layers`; but `self.layers` holds "
                              "no Relu layer",
                        "ko": "{where}: 신경망에 activation 인수가 없어서 채점기가 강의처럼 "
                              "self.layers의 Relu 계층 자리에 Sigmoid를 넣어 시그모이드 신경망을 "
                              "만들려고 했지만, self.layers에 Relu 계층이 없습니다"},
    "variant_no_sigmoid": {"en": "{where}: your network takes no `activation` argument, so the "
                                 "grader builds the sigmoid network as the course does, by putting "
                                 "a Sigmoid in place of the Relu layer of `self.layers`; but "
                                 "neither the file that defines the network nor p216.py has a "
                                 "Sigmoid class (import one: from p216 import Sigmoid)",
                           "ko": "{where}: 신경망에 activation 인수가 없어서 채점기가 강의처럼 "
                                 "self.layers의 Relu 계층 자리에 Sigmoid를 넣어 시그모이드 신경망을 "
                                 "만들려고 했지만, 신경망을 정의한 파일에도 p216.py에도 Sigmoid "
                                 "클래스가 없습니다 (from p216 import Sigmoid로 가져오세요)"},
    # -- what was graded, and where: notebooks, misnamed files, packages (see sources/) ----------
    "cell": {"en": "{file}, cell {cell}", "ko": "{file} 셀 {cell}"},
    "input": {"en": "In [{cell}]", "ko": "In [{cell}]"},
    "cells": {"en": "{file}, cells {first}–{last}", "ko": "{file} 셀 {first}–{last}"},
    "inputs": {"en": "In [{first}]–In [{last}]", "ko": "In [{first}]–In [{last}]"},
    "line_of": {"en": "{where}, line {line}", "ko": "{where}, {line}번째 줄"},
    "line": {"en": "line {line}", "ko": "{line}번째 줄"},
    "lines": {"en": "lines {first}–{last}", "ko": "{first}–{last}번째 줄"},
    "lines_of": {"en": "{where}, lines {first}–{last}", "ko": "{where}, {first}–{last}번째 줄"},
    "kernel": {"en": "the kernel's history", "ko": "커널의 실행 기록"},
    "path": {"en": "{file}", "ko": "{file}"},
    "more": {"en": "{count} more", "ko": "그 밖에 {count}곳"},
    "source_section": {"en": "{cells} (\"{heading}\")", "ko": "{cells} (\"{heading}\")"},
    "source_found": {"en": "{notebook}, all of it ({names} defined in {where})",
                     "ko": "{notebook} 전체 ({where}에서 {names} 정의)"},
    "rebound_later": {"en": "{where} binds {name} again later, as a kernel would; graded: your "
                            "own {name} of {defined}",
                      "ko": "{where}에서 {name}이(가) 나중에 다시 바인딩되지만(커널에서는 그렇게 "
                            "됩니다), {defined}에서 직접 작성한 {name}을(를) 채점했습니다"},
    "not_this_exercise": {"en": "{where} defines {signature}, which is not exercise {id}'s "
                                "{wanted}: not graded as {id} (a section marked 문제 {id} would "
                                "be)",
                          "ko": "{where}의 {signature}은(는) 문제 {id}의 {wanted}와(과) 다르므로 "
                                "문제 {id}로 채점하지 않았습니다 (문제 {id}로 표시한 부분은 "
                                "채점됩니다)"},
    "only_imported": {"en": "{where} imports {name}, which no cell writes: exercise {id} grades "
                            "a {name} of your own",
                      "ko": "{where}에서 {name}을(를) import할 뿐 직접 작성한 셀이 없습니다: "
                            "문제 {id}는 직접 작성한 {name}을(를) 채점합니다"},
    "cell_only": {"en": "cell {cell}", "ko": "셀 {cell}"},
    "not_marked_kernel": {"en": "the kernel ran no cell marked 문제 {id}: markdown cells never "
                                "reach the kernel, so start the exercise's first code cell with "
                                "`# 문제 {id}`",
                          "ko": "커널이 문제 {id}로 표시된 셀을 실행하지 않았습니다: 마크다운 셀은 커널에 "
                                "전달되지 않으니 문제의 첫 코드 셀을 `# 문제 {id}`로 시작하세요"},
    "not_marked": {"en": "no section of {notebooks} is marked 문제 {id} (or Problem {id})",
                   "ko": "{notebooks}에 문제 {id}(또는 Problem {id})로 표시된 부분이 없습니다"},
    "source_definitions": {"en": "{file}, its imports, functions and classes only",
                           "ko": "{file}의 import, 함수, 클래스만"},
    "renamed": {"en": "{file} was graded as {name}: name it {name}, the name other files and "
                      "the grader import",
                "ko": "{file}을(를) {name}(으)로 채점했습니다: 다른 파일과 채점기가 그 이름으로 "
                      "import하니 파일 이름을 {name}(으)로 바꾸세요"},
    "ignored": {"en": "also found, not graded: {others} (an exercise's .py file comes before a "
                      "notebook section, its exact name before a copy, the main folder before "
                      "another)",
                "ko": "찾았지만 채점하지 않음: {others} (노트북보다 문제의 .py 파일이, 사본보다 "
                      "정확한 이름이, 다른 폴더보다 주 폴더가 먼저입니다)"},
    "stub_not_graded": {"en": "{file} is still the starting file, with nothing written in it "
                              "yet, so your notebook's work on exercise {id} was graded instead",
                        "ko": "{file}은(는) 아직 아무것도 작성하지 않은 시작 파일이라, 노트북에서 "
                              "작성한 문제 {id}를 대신 채점했습니다"},
    "code_not_run": {"en": "not run: the top-level code of {places} (prints, loops, plots): an "
                           "API exercise is graded on its imports, functions and classes",
                     "ko": "실행하지 않음: {places}의 최상위 코드 (print, 반복문, 그래프): API 문제는 "
                           "import, 함수, 클래스로 채점합니다"},
    "magics_left_out": {"en": "left out: Jupyter magics and shell commands ({places})",
                        "ko": "제외함: Jupyter 매직 명령과 셸 명령 ({places})"},
    "import_skipped": {"en": "skipped `{statement}` ({where}): {module} is not in your "
                             "submission, and the grader has numpy and Python's standard library "
                             "only; code that uses {names} fails",
                       "ko": "`{statement}`을(를) 건너뜀 ({where}): {module}이(가) 제출물에 없고 "
                             "채점기에는 numpy와 파이썬 표준 라이브러리만 있습니다; {names}을(를) "
                             "쓰는 코드는 실패합니다"},
    "import_out_of_reach": {"en": "skipped `{statement}` ({where}): {module} is in your submission "
                                  "({file}), but not where Python looks for it from here (the "
                                  "exercise's folder, the submission's, the folder above): import "
                                  "it by its package (from {dotted} import …); code that uses "
                                  "{names} fails",
                            "ko": "`{statement}`을(를) 건너뜀 ({where}): {module}이(가) 제출물에 "
                                  "있지만({file}) 여기서 파이썬이 찾는 곳(문제의 폴더, 제출 폴더, "
                                  "그 위 폴더)에는 없습니다: 패키지 이름으로 import하세요(from "
                                  "{dotted} import …); {names}을(를) 쓰는 코드는 실패합니다"},
    "star_names": {"en": "what it imports", "ko": "그 import가 가져오는 이름"},
    "plots_left_out": {"en": "not run: {places}, which use a skipped import",
                       "ko": "실행하지 않음: {places} (건너뛴 import를 사용)"},
    "cell_not_python": {"en": "left out: {where} is not Python (a cell magic)",
                        "ko": "제외함: {where}은(는) 파이썬이 아닙니다 (셀 매직)"},
    "cell_broken": {"en": "left out: {where} does not parse ({error})",
                    "ko": "제외함: {where}을(를) 해석할 수 없습니다 ({error})"},
    "cell_error": {"en": "{where} does not parse: {error}",
                   "ko": "{where}을(를) 해석할 수 없습니다: {error}"},
    "definitions_only": {"en": "{file} could not run as a whole here ({error}), so it was graded "
                               "on its imports, functions and classes; not run: {places}. Code "
                               "that loads data, trains or plots belongs under "
                               "`if __name__ == \"__main__\":`",
                         "ko": "{file}을(를) 여기서 통째로 실행할 수 없어서 ({error}) import, 함수, "
                               "클래스로 채점했습니다; 실행하지 않음: {places}. 데이터를 불러오거나 "
                               "학습하거나 그래프를 그리는 코드는 `if __name__ == \"__main__\":` "
                               "아래에 두세요"},
    "imports_only": {"en": "{file} could not run as a whole here ({error}), so it was graded "
                           "with the imports the grader lacks left out",
                     "ko": "{file}을(를) 여기서 통째로 실행할 수 없어서 ({error}) 채점기에 없는 "
                           "import를 빼고 채점했습니다"},
    "not_in_notebooks": {"en": "no section of {notebooks} is marked 문제 {id} (or Problem {id}), "
                               "and no cell defines {names}",
                         "ko": "{notebooks}에 문제 {id}(또는 Problem {id})로 표시된 부분이 없고, "
                               "{names}을(를) 정의하는 셀도 없습니다"},
    "submission_refused": {"en": "the submission was refused: {reason}",
                           "ko": "제출물을 채점하지 않았습니다: {reason}"},
    "nothing_found": {"en": "no exercise file (p<ID>.py) and no notebook in {folder}: "
                            "found {found}",
                      "ko": "{folder}에 문제 파일(p<ID>.py)도 노트북도 없습니다 (있는 것: {found})"},
    "nothing_at_all": {"en": "nothing", "ko": "없음"},
    "no_exercise_in": {"en": "{file} holds no exercise of the bank: no section is marked "
                             "문제 <ID> (or Problem <ID>, p<ID>), and no cell defines what an "
                             "exercise asks for",
                       "ko": "{file}에 채점할 문제가 없습니다: 문제 <ID>(또는 Problem <ID>, p<ID>)로 "
                             "표시된 부분도, 문제가 요구하는 것을 정의하는 셀도 없습니다"},
    "notebook_unreadable": {"en": "{file} cannot be read: {problem}",
                            "ko": "{file}을(를) 읽을 수 없습니다: {problem}"},
    "skipped_used": {"en": "{name} is not available: the grader skipped `{statement}` ({module} "
                           "is not in your submission, and the grader has numpy and the standard "
                           "library only)",
                     "ko": "{name}을(를) 쓸 수 없습니다: 채점기가 `{statement}`을(를) 건너뛰었습니다 "
                           "({module}이(가) 제출물에 없고 채점기에는 numpy와 표준 라이브러리만 "
                           "있습니다)"},
    "module_elsewhere": {"en": " ({module} is in your submission, as {path}, but not where Python "
                               "looks from {folder}: keep it beside your file, or in the folder "
                               "above with `sys.path.append(os.pardir)`)",
                         "ko": " ({module}은(는) 제출물에 {path}(으)로 있지만 {folder}에서 파이썬이 "
                               "찾는 곳이 아닙니다: 파일 옆에 두거나, 위 폴더에 두고 "
                               "`sys.path.append(os.pardir)`를 쓰세요)"},
    "module_part_missing": {"en": " ({path} is in your submission, but holds no {module})",
                            "ko": " ({path}은(는) 제출물에 있지만 {module}이(가) 없습니다)"},
}

LABEL_TEXTS = {
    "check_note": {"en": "about this check: {note}", "ko": "이 검사에 대해: {note}"},
}
TEXTS.update(LABEL_TEXTS)
# a check without a `label:` in its spec is shown by its kind's `label` (grading/checks/)

# -- texts the machinery writes in English (submission.read_submission's file problems, the
# sandbox's endings, the student process's own notes), worded in the student's language with
# what to do. `machine` matches them; an unknown text is shown as it is.
MACHINE_TEXTS = {
    "problem_symlink": {"en": "it is a symbolic link, not a file: hand in the file itself",
                        "ko": "심볼릭 링크이지 파일이 아닙니다: 파일 자체를 내세요"},
    "problem_folder": {"en": "it is a folder, not a file: hand in the .py file itself",
                       "ko": "파일이 아니라 폴더입니다: .py 파일 자체를 내세요"},
    "problem_irregular": {"en": "it is not a regular file: hand in a plain .py file",
                          "ko": "일반 파일이 아닙니다: 보통의 .py 파일을 내세요"},
    "problem_size": {"en": "it is {size} bytes, over the limit of {limit}: remove the large data "
                           "or output pasted into it",
                     "ko": "파일이 {size}바이트로 한도 {limit}바이트를 넘습니다: 파일에 붙여 넣은 큰 "
                           "데이터나 출력을 지우세요"},
    "problem_folder_size": {"en": "the submission folder is too large: leave data sets and "
                                  "outputs out of it",
                            "ko": "제출 폴더가 너무 큽니다: 데이터 파일이나 출력 결과는 빼고 내세요"},
    "problem_unreadable": {"en": "it cannot be read ({reason}): check its permissions",
                           "ko": "파일을 읽을 수 없습니다 ({reason}): 파일 권한을 확인하세요"},
    "problem_nul": {"en": "it contains NUL bytes, so it is not a text file: save it again as "
                          "plain text (UTF-8)",
                    "ko": "NUL 바이트가 들어 있어 텍스트 파일이 아닙니다: 일반 텍스트(UTF-8)로 다시 "
                          "저장하세요"},
    "problem_encoding": {"en": "it is not UTF-8 text (byte {byte} of the file, on line {line}): "
                               "save it as UTF-8 in your editor",
                         "ko": "UTF-8 텍스트가 아닙니다 (파일의 {byte}번째 바이트, {line}번째 줄): "
                               "편집기에서 UTF-8로 저장하세요"},
    "ending_lost": {"en": "the process running your code was killed, together with the grader's "
                          "worker",
                    "ko": "코드를 실행하던 프로세스가 채점기의 작업 프로세스와 함께 종료되었습니다"},
    "ending_signal": {"en": "your code's process was killed by {signal} (too much memory, or "
                            "a crash in a library?)",
                      "ko": "코드를 실행하던 프로세스가 {signal} 신호로 종료되었습니다 (메모리를 너무 "
                            "많이 썼거나 라이브러리가 멈췄나요?)"},
    "ending_memory": {"en": "your code's processes together used more than the {size} GiB of "
                            "memory a job may have, and the system ended them: look for arrays "
                            "far larger than the exercise needs, or processes your code starts",
                      "ko": "코드의 프로세스들이 함께 쓴 메모리가 작업 하나에 허용된 {size} GiB를 "
                            "넘어 시스템이 종료했습니다: 문제에 필요한 것보다 훨씬 큰 배열이나 "
                            "코드가 띄우는 프로세스가 있는지 보세요"},
    "ending_broken": {"en": "your code's process broke down: your code changed something the "
                            "grader needs in it (a builtin, sys, or the grader's own module)",
                      "ko": "코드를 실행하던 프로세스가 망가졌습니다: 코드가 채점기에 필요한 것(내장 "
                            "함수, sys, 채점기 모듈)을 바꾸었습니다"},
    "ending_exit": {"en": "your code's process exited with code {code} before it finished: do "
                          "not call sys.exit() or exit() in the file",
                    "ko": "코드를 실행하던 프로세스가 끝나기 전에 코드 {code}(으)로 종료되었습니다: "
                          "파일에서 sys.exit()나 exit()를 부르지 마세요"},
    "nudged_shape": {"en": "forward gave shape {after} on a nudged input but {before} before: its "
                           "output's shape must not depend on the input's values",
                     "ko": "forward가 살짝 바꾼 입력에서는 {after}, 원래 입력에서는 {before} 형상을 "
                           "돌려주었습니다: 출력의 형상이 입력 값에 따라 달라지면 안 됩니다"},
    "unreadable": {"en": "unreadable data from your code's process ({problem})",
                   "ko": "코드의 프로세스가 보낸 데이터를 읽을 수 없습니다 ({problem})"},
    "spec_broken": {"en": "the spec's expected value cannot be computed: {problem}",
                    "ko": "문제 명세의 기대값을 계산할 수 없습니다: {problem}"},
    "spec_not_loaded": {"en": "not graded: this exercise's spec is broken (tell your "
                              "instructor): {problem}",
                        "ko": "채점하지 않았습니다: 이 문제의 명세(spec)가 잘못되어 있습니다 "
                              "(강사에게 알려 주세요): {problem}"},
}
TEXTS.update(MACHINE_TEXTS)
