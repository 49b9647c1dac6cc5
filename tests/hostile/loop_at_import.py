# attack: an endless loop while the file is imported
# exercise: 209
# status: timeout
# message: did not finish loading
# timeout-scale: 0.2
while True:
    pass
