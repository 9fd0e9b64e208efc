"""Drives prod-fix's review through a real pseudo-terminal, as a person at a keyboard would.

Usage: python3 drive-pty.py '<json>' -- <command...>
The JSON maps a transform id to the key to press for each of its fixes (default: "r"), and may
hold "cancel_at": n to press Ctrl-C at the n-th prompt instead. Prints the whole terminal output,
then a last line "EXIT <code>".
"""
import json
import os
import pty
import re
import select
import sys
import time

answers = json.loads(sys.argv[1])
command = sys.argv[sys.argv.index('--') + 1:]
cancel_at = answers.pop('cancel_at', None)

pid, fd = pty.fork()
if pid == 0:
    os.execvp(command[0], command)

output = b''
answered = set()
deadline = time.time() + 120
status = None
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.2)
    if ready:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            chunk = b''
        if not chunk:
            break
        output += chunk
    text = output.decode('utf8', 'replace')
    for match in re.finditer(r'Apply this fix\? \((\d+)/(\d+)\)', text):
        counter = match.group(0)
        if counter in answered:
            continue
        index = int(match.group(1))
        heading = re.findall(r'\[' + match.group(1) + '/' + match.group(2) + r'\] \S+ .*?  ([a-z0-9-]+) · ', text)
        transform = heading[-1] if heading else ''
        answered.add(counter)
        # Let prompts finish its first render and switch the terminal to raw mode.
        time.sleep(0.3)
        if cancel_at == len(answered):
            os.write(fd, b'\x03')
        else:
            os.write(fd, answers.get(transform, 'r').encode())
        break
    done, code = os.waitpid(pid, os.WNOHANG)
    if done:
        status = code
        # Drain what is left.
        while True:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if not ready:
                break
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        break

if status is None:
    os.kill(pid, 9)
    _, status = os.waitpid(pid, 0)
sys.stdout.write(output.decode('utf8', 'replace'))
sys.stdout.write('\nEXIT %d\n' % (os.waitstatus_to_exitcode(status)))
