#!/usr/bin/env python3
"""A raw FTP dialogue for the lab's recorder (record.sh --client raw): connects to SERVER:21, reads the
greeting, sends each LINE and prints each reply with its time. After a 227 or 229 it connects to the port
announced (to the control connection's peer) so that vsftpd is not left waiting. Every wait is bounded.

Usage: raw.py SERVER LINE...   (prints one line per event: seconds, direction, text)
"""
import re
import socket
import sys
import time

SERVER, LINES = sys.argv[1], sys.argv[2:]
START = time.monotonic()
family = socket.AF_INET6 if ":" in SERVER else socket.AF_INET


def out(kind, text):
    print(f"{time.monotonic() - START:9.6f} {kind} {text}", flush=True)


ctl = socket.create_connection((SERVER, 21), timeout=10)
buf = b""


def reply():
    global buf
    lines = []
    while True:
        while b"\r\n" not in buf:
            chunk = ctl.recv(4096)
            if not chunk:
                out("<", "(EOF)")
                return None
            buf += chunk
        line, buf = buf.split(b"\r\n", 1)
        line = line.decode("latin-1")
        lines.append(line)
        if re.match(r"^\d{3} ", line) and (len(lines) == 1 or line[:3] == lines[0][:3]):
            break
    text = "\n".join(lines)
    out("<", text)
    return text


reply()
data = []
for line in LINES:
    out(">", line)
    ctl.sendall(line.encode() + b"\r\n")
    text = reply()
    if text is None:
        break
    port = None
    m = re.search(r"\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)", text)
    if text.startswith("227") and m:
        port = int(m.group(5)) * 256 + int(m.group(6))
    m = re.search(r"\(\|\|\|(\d+)\|\)", text)
    if text.startswith("229") and m:
        port = int(m.group(1))
    if port:
        s = socket.socket(family, socket.SOCK_STREAM)
        s.settimeout(5)
        try:
            s.connect((ctl.getpeername()[0], port))
            out("*", f"data connected to {ctl.getpeername()[0]} port {port}")
            data.append(s)
        except OSError as e:
            out("*", f"data connect to {ctl.getpeername()[0]} port {port} failed: {e}")
ctl.close()
for s in data:
    s.close()
