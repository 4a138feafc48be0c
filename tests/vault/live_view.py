#!/usr/bin/env python3
"""`inkan codes` in a real pseudo-terminal: password prompt, live redraw, Ctrl-C.

Usage: live_view.py PATH_TO_INKAN
Checks that the view redraws at least twice, that Ctrl-C (byte 0x03 through the tty, as a
keyboard sends it) ends it with exit status 0, and that the cursor is shown again.
"""
import atexit, os, pty, select, shutil, subprocess, sys, tempfile, time

inkan = sys.argv[1]
work = tempfile.mkdtemp(prefix="inkan-live-")
atexit.register(shutil.rmtree, work, True)
vault = os.path.join(work, "v.inkan")
env = dict(os.environ, INKAN_INSECURE_TEST_KDF="1", INKAN_KEYSTORE="none", HOME=work)
subprocess.run([inkan, "--vault", vault, "--password-stdin", "add",
                "otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME"],
               input=b"pw\n", env=env, check=True, capture_output=True)

pid, fd = pty.fork()
if pid == 0:
    os.execve(inkan, [inkan, "--vault", vault, "codes"], env)

out = b""
def read_for(seconds):
    global out
    end = time.time() + seconds
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                out += os.read(fd, 4096)
            except OSError:
                return

read_for(1.0)
assert b"password" in out.lower(), out
os.write(fd, b"pw\n")
read_for(2.5)
frames = out.count(b"\x1b[2K")
assert frames >= 2, f"expected redraws, got {frames}: {out!r}"
assert b"ACME (alice)" in out
os.write(fd, b"\x03")  # Ctrl-C from the keyboard
deadline = time.time() + 5
status = None
while time.time() < deadline:
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        break
    read_for(0.1)
else:
    os.kill(pid, 9)
    sys.exit("live view did not exit after Ctrl-C")
read_for(0.2)
assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, f"exit status {status}"
assert out.rstrip().endswith(b"\x1b[?25h"), f"cursor not restored: {out[-40:]!r}"
print(f"live view: {frames} line redraws, Ctrl-C exit 0, cursor restored")
