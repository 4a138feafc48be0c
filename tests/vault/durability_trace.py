#!/usr/bin/env python3
"""Durability of vault saves under a simulated power cut (SEC-V3), from the real syscalls.

Runs `vault_saves` (core/examples: the real FileStore saving generations 1..N, printing
`acked N` after each save returned) under strace, then replays the trace through a model of
what a disk may hold after a power cut at any point between two system calls:

- file data: only what was fsync'ed survives; a file with writes or a truncation since its
  last fsync may hold anything (torn);
- names (create, link, rename, unlink): what the last fsync of the directory made durable,
  plus any prefix of the later name operations (a journaling file system such as ext4
  commits them in order; POSIX promises nothing before the directory fsync).

At every cut point and for every such state, the vault name must lead to a file with no
unsynced data holding a complete generation no older than the last acknowledged one, and
`.prev`, when present, to a complete generation too. The save sequence is also checked
explicitly: write temp -> fsync temp -> (link .prev.tmp -> rename to .prev) -> rename temp
over the vault -> fsync directory -> acknowledge.

Usage: durability_trace.py <vault_saves binary> [saves]   (exit 1 on any violation)
"""
import os
import re
import subprocess
import sys
import tempfile

SYSCALLS = ("open,openat,creat,write,pwrite64,writev,ftruncate,truncate,fsync,fdatasync,"
            "rename,renameat,renameat2,link,linkat,unlink,unlinkat")
LINE = re.compile(r'^\d+\s+(\w+)\((.*)\)\s+=\s+(-?\d+)(?:<([^>]*)>)?')
FD = re.compile(r'^(\d+)<([^>]*)>')
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def args_of(text):
    """The quoted strings and the leading fd (with its path) of a syscall's arguments."""
    fd = FD.match(text)
    strings = [bytes(s, "latin-1").decode("unicode_escape") for s in STRING.findall(text)]
    return (int(fd.group(1)) if fd else None), strings


def main():
    binary = sys.argv[1]
    saves = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    work = tempfile.mkdtemp(prefix="inkan-durability-")
    vault = os.path.join(work, "v.inkan")
    trace = os.path.join(work, "trace.txt")
    subprocess.run(["strace", "-f", "-qq", "-y", "-s", "256", "-e", "trace=" + SYSCALLS,
                    "-o", trace, binary, vault, str(saves)],
                   check=True, stdout=subprocess.DEVNULL)
    prev, tmp = vault + ".prev", vault + ".tmp"

    names_vol, names_dur, pending = {}, {}, []   # name -> inode; name ops since dir fsync
    data_vol, data_dur, dirty = {}, {}, {}       # inode -> bytes; unsynced changes
    fds, next_ino = {}, [0]
    acked, checked, errors = 0, 0, []
    order = {}                                   # generation -> [(event, index)]

    def new_inode():
        next_ino[0] += 1
        ino = next_ino[0]
        data_vol[ino], data_dur[ino], dirty[ino] = "", "", False
        return ino

    def name_op(op):
        op(names_vol)
        pending.append(op)

    def generation(text):
        m = re.fullmatch(r"generation (\d+)", text)
        return int(m.group(1)) if m else None

    def check(where):
        nonlocal checked
        for k in range(len(pending) + 1):
            names = dict(names_dur)
            for op in pending[:k]:
                op(names)
            checked += 1
            for name, need in ((vault, acked), (prev, 0)):
                ino = names.get(name)
                if ino is None:
                    if name == vault and acked > 0:
                        errors.append(f"{where}: after 'acked {acked}', a power cut can leave no vault")
                    continue
                g = None if dirty[ino] else generation(data_dur[ino])
                if g is None or g < need:
                    state = "unsynced (torn) data" if dirty[ino] else repr(data_dur[ino])
                    errors.append(f"{where}: after 'acked {acked}', a power cut can leave "
                                  f"{os.path.basename(name)} holding {state}")

    gen = 0  # the save in progress
    with open(trace) as f:
        lines = f.read().splitlines()
    for i, line in enumerate(lines):
        m = LINE.match(line)
        if not m or int(m.group(3)) < 0:
            continue
        call, rest, ret, ret_path = m.group(1), m.group(2), int(m.group(3)), m.group(4)
        fd, strings = args_of(rest)
        paths = [s for s in strings if s.startswith(work)]
        if call in ("open", "openat", "creat"):
            if not ret_path or not ret_path.startswith(work):
                continue
            if ret_path == work:
                fds[ret] = "dir"
                continue
            ino = names_vol.get(ret_path)
            if ino is None and ("O_CREAT" in rest or call == "creat"):
                ino = new_inode()
                name_op(lambda n, p=ret_path, x=ino: n.__setitem__(p, x))
            if ino is not None and ("O_TRUNC" in rest or call == "creat"):
                data_vol[ino], dirty[ino] = "", True
                if ret_path == tmp:
                    gen += 1
                    order[gen] = [("open temp", i)]
            fds[ret] = ino
        elif call in ("write", "pwrite64", "writev") and fd is not None:
            if fd == 1 and strings and strings[0].startswith("acked "):
                acked = int(strings[0].split()[1])
                order.setdefault(acked, []).append(("ack", i))
            elif isinstance(fds.get(fd), int):
                ino = fds[fd]
                data_vol[ino] += strings[0] if strings else ""
                dirty[ino] = True
                order.setdefault(gen, []).append(("write temp", i))
        elif call in ("fsync", "fdatasync") and fd in fds:
            if fds[fd] == "dir":
                names_dur.clear()
                names_dur.update(names_vol)
                pending.clear()
                order.setdefault(gen, []).append(("fsync dir", i))
            else:
                ino = fds[fd]
                data_dur[ino], dirty[ino] = data_vol[ino], False
                order.setdefault(gen, []).append(("fsync temp", i))
        elif call in ("ftruncate", "truncate"):
            errors.append(f"line {i + 1}: unexpected {call}")
        elif call in ("rename", "renameat", "renameat2") and len(paths) == 2:
            a, b = paths
            name_op(lambda n, a=a, b=b: n.__setitem__(b, n.pop(a)))
            if a == tmp and b == vault:
                order.setdefault(gen, []).append(("rename temp", i))
            elif b == prev:
                order.setdefault(gen, []).append(("rename prev", i))
        elif call in ("link", "linkat") and len(paths) == 2:
            a, b = paths
            name_op(lambda n, a=a, b=b: n.__setitem__(b, n[a]))
            order.setdefault(gen, []).append(("link prev", i))
        elif call in ("unlink", "unlinkat") and paths:
            name_op(lambda n, p=paths[0]: n.pop(p, None))
        else:
            continue
        check(f"line {i + 1} ({call})")

    want = ["open temp", "write temp", "fsync temp", "rename temp", "fsync dir", "ack"]
    want_prev = ["open temp", "write temp", "fsync temp", "link prev", "rename prev",
                 "rename temp", "fsync dir", "ack"]
    for g in range(1, saves + 1):
        seen = [e for e, _ in order.get(g, [])]
        expected = want if g == 1 else want_prev
        if seen != expected:
            errors.append(f"save {g}: calls in order {seen}, expected {expected}")
    if acked != saves:
        errors.append(f"{acked} saves acknowledged, {saves} expected")
    for e in errors[:20]:
        print("durability:", e)
    print(f"durability: {saves} saves traced ({len(lines)} syscalls), {checked} power-cut "
          f"states checked, {len(errors)} violations")
    if not errors:
        subprocess.run(["rm", "-rf", work], check=True)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
