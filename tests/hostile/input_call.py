# attack: waits for keyboard input
# exercise: 210
# status: error
# message: input()
price = int(input("price? "))
print(price * 2)
