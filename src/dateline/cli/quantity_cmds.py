commands = []
eval_commands = []
