#!/usr/bin/env python3
"""The lab's scripted FTP client: the engine's client (src/engine/ftp/session.ts) as a real program.

It behaves like the scripted client of shared/captures/README.md: USER/PASS, TYPE A before LIST and
TYPE I before RETR/STOR, PORT/EPRT or PASV/EPSV, the transfer command, then QUIT. In passive mode it
connects to the address the 227 reply names (Python's ftplib would use the control connection's peer
unless trust_server_pasv_ipv4_address is set, so it is) with a connect timeout, and still sends the
transfer command when that connect fails. In active mode it listens on an ephemeral port and waits for
the server's connection or its reply.

Two extra behaviours let the lab provoke vsftpd's timers:
  idle   after login, send nothing and wait for the server to give up (idle_session_timeout)
  stall  open the data connection and send the transfer command, then neither read nor write on it
         (data_connection_timeout)

Explicit FTPS ("tls": true): AUTH TLS after the greeting, PBSZ 0 and PROT P after login; each data
connection is wrapped in TLS after the 150 reply (when vsftpd starts its side of the handshake), reusing the
control connection's TLS session (vsftpd's require_ssl_reuse). Certificates are not checked (the lab's is
self-signed). "keyLog": a file for the TLS secrets (the lab decrypts its captures with them). IPv6 works for EPRT (|2|) and EPSV; an IPv6 address is detected from the server's.

Usage: ftp_client.py '<json options>'; prints one JSON object (the log) on stdout. Every wait is bounded.
"""

import ftplib
import json
import select
import socket
import ssl
import sys
import time

OPTIONS = json.loads(sys.argv[1])
SERVER = OPTIONS["server"]
MODE = OPTIONS.get("mode", "active")
COMMANDS = OPTIONS.get("commands", [{"verb": "LIST"}])
BEHAVIOUR = OPTIONS.get("behaviour", "normal")
CONNECT_TIMEOUT = float(OPTIONS.get("connectTimeout", 5))
# Active mode: how long to wait for the server's data connection or its reply (the captures' client: 20 s).
ACTIVE_WAIT = float(OPTIONS.get("activeWait", 20))
# Any single read on the control connection; the lab's vsftpd timers are all shorter than this.
REPLY_WAIT = float(OPTIONS.get("replyWait", 30))
USER = OPTIONS.get("user", "anonymous")
PASSWORD = OPTIONS.get("password", "lab@example.org")
STOR_BYTES = int(OPTIONS.get("storSize", 2048))
TLS = bool(OPTIONS.get("tls", False))
FAMILY = socket.AF_INET6 if ":" in SERVER else socket.AF_INET
CONTEXT = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
CONTEXT.check_hostname = False
CONTEXT.verify_mode = ssl.CERT_NONE
if OPTIONS.get("keyLog"):
    # The TLS secrets (NSS key log format), so that the lab can read the encrypted dialogue in its captures.
    CONTEXT.keylog_filename = OPTIONS["keyLog"]

START = time.monotonic()
log = {"events": []}


def note(kind, **fields):
    log["events"].append({"t": round(time.monotonic() - START, 6), "kind": kind, **fields})


def reply(ftp):
    """One reply, whatever its code (ftplib's getresp raises on 4xx/5xx; the lab wants to see them)."""
    try:
        text = ftp.getmultiline()
    except (EOFError, OSError) as e:
        note("control-closed", error=type(e).__name__)
        log["controlClosed"] = True
        return None
    note("reply", code=int(text[:3]) if text[:3].isdigit() else 0, text=text)
    if text.startswith("421"):
        # RFC 959 §4.2: 421 means the server is closing the control connection; nothing more to say.
        log["controlClosed"] = True
    return text


def command(ftp, line):
    note("command", line=line)
    ftp.putcmd(line)


def read_to_eof(sock, limit):
    got = 0
    deadline = time.monotonic() + limit
    sock.settimeout(limit)
    while time.monotonic() < deadline:
        try:
            chunk = sock.recv(65536)
        except ssl.SSLEOFError:
            break  # the peer closed without close_notify
        if not chunk:
            break
        got += len(chunk)
    return got


def wrap_data(ftp, data):
    """The data connection's TLS handshake, resuming the control connection's session; None if it fails."""
    try:
        wrapped = CONTEXT.wrap_socket(data, session=ftp.sock.session)
        note("data-tls", version=wrapped.version(), resumed=wrapped.session_reused)
        return wrapped
    except (OSError, ssl.SSLError) as e:
        note("data-tls-failed", error=f"{type(e).__name__}: {e}")
        data.close()
        return None


def data_setup_active(ftp, local_ip):
    listener = socket.socket(FAMILY, socket.SOCK_STREAM)
    listener.bind((local_ip, 0))
    listener.listen(1)
    port = listener.getsockname()[1]
    note("data-listening", port=port)
    if MODE == "eprt":
        command(ftp, f"EPRT |{2 if FAMILY == socket.AF_INET6 else 1}|{local_ip}|{port}|")
    else:
        command(ftp, "PORT " + ",".join(local_ip.split(".") + [str(port >> 8), str(port & 0xFF)]))
    answer = reply(ftp)
    if answer is None or not answer.startswith("200"):
        listener.close()
        return None
    return listener


def data_setup_passive(ftp):
    """PASV/EPSV, then connect where the reply says; returns (socket or None, reply ok?)."""
    command(ftp, "EPSV" if MODE == "epsv" else "PASV")
    answer = reply(ftp)
    if answer is None:
        return None, False
    if MODE == "epsv":
        if not answer.startswith("229"):
            return None, False
        host, port = ftplib.parse229(answer, ftp.sock.getpeername())
    else:
        if not answer.startswith("227"):
            return None, False
        host, port = ftplib.parse227(answer)
    data = socket.socket(FAMILY, socket.SOCK_STREAM)
    data.settimeout(CONNECT_TIMEOUT)
    note("data-connecting", host=host, port=port)
    try:
        data.connect((host, port))
        note("data-connected", local=list(data.getsockname()[:2]), remote=list(data.getpeername()[:2]))
        return data, True
    except OSError as e:
        note("data-connect-failed", host=host, port=port, error=type(e).__name__, errno=e.errno)
        data.close()
        return None, True


def transfer_line(c):
    return "LIST" if c["verb"] == "LIST" else f"{c['verb']} {c['file']}"


def run_transfer(ftp, c, local_ip):
    passive = MODE in ("passive", "epsv")
    listener = data = None
    if passive:
        data, ok = data_setup_passive(ftp)
        if not ok:
            return
    else:
        listener = data_setup_active(ftp, local_ip)
        if listener is None:
            return
    command(ftp, transfer_line(c))
    if listener is not None:
        # vsftpd connects first and only then replies 150; on failure it replies 425 without connecting.
        ready, _, _ = select.select([listener, ftp.sock], [], [], ACTIVE_WAIT)
        if listener in ready:
            data, peer = listener.accept()
            note("data-accepted", local=list(data.getsockname()[:2]), remote=list(peer[:2]))
        elif not ready:
            note("data-accept-timeout")
        listener.close()
    first = reply(ftp)
    if first is None or not first.startswith("150"):
        if data is not None:
            data.close()
        return
    if data is not None and TLS:
        data = wrap_data(ftp, data)
    if data is None:
        reply(ftp)
        return
    if BEHAVIOUR == "stall":
        note("stalling")
        reply(ftp)
        data.close()
        return
    if c["verb"] == "STOR":
        # The engine's sample contents (src/engine/ftp/serverFiles.ts, fileContents).
        size = c.get("size", STOR_BYTES)
        line = (c["file"] + ": FTP Flow Lab sample data.\n").encode()
        data.sendall((line * (size // len(line) + 2))[:size])
        if TLS:
            data = data.unwrap()  # close_notify, then the plain socket
        data.shutdown(socket.SHUT_WR)
        read_to_eof(data, REPLY_WAIT)
        note("data-sent", bytes=size)
    else:
        got = read_to_eof(data, REPLY_WAIT)
        note("data-received", bytes=got)
        if TLS:
            # As ftplib's FTP_TLS does after a download: answer the server's close_notify with our own.
            try:
                data = data.unwrap()
            except (OSError, ssl.SSLError) as e:
                note("data-unwrap-failed", error=f"{type(e).__name__}: {e}")
    data.close()
    reply(ftp)


def main():
    ftp = ftplib.FTP(timeout=REPLY_WAIT)
    ftp.trust_server_pasv_ipv4_address = True
    source = ("", int(OPTIONS["controlPort"])) if OPTIONS.get("controlPort") else None
    note("control-connecting", server=SERVER)
    try:
        ftp.connect(SERVER, 21, timeout=REPLY_WAIT, source_address=source)
    except (OSError, ftplib.Error) as e:
        note("control-failed", error=type(e).__name__)
        return
    local_ip, local_port = ftp.sock.getsockname()[:2]
    log["control"] = {"local": [local_ip, local_port], "remote": list(ftp.sock.getpeername()[:2])}
    note("reply", code=int(ftp.welcome[:3]), text=ftp.welcome)
    if TLS:
        command(ftp, "AUTH TLS")
        answer = reply(ftp)
        if answer is None or not answer.startswith("234"):
            return
        ftp.sock = CONTEXT.wrap_socket(ftp.sock, server_hostname=SERVER)
        ftp.file = ftp.sock.makefile("r", encoding=ftp.encoding)
        note("control-tls", version=ftp.sock.version())
    command(ftp, f"USER {USER}")
    reply(ftp)
    command(ftp, f"PASS {PASSWORD}")
    if reply(ftp) is None:
        return
    if TLS:
        for line in ("PBSZ 0", "PROT P"):
            command(ftp, line)
            if reply(ftp) is None:
                return
    if BEHAVIOUR == "idle":
        note("idling")
        reply(ftp)
        ready, _, _ = select.select([ftp.sock], [], [], REPLY_WAIT)
        note("control-eof" if ready and not ftp.sock.recv(1) else "control-open")
        ftp.close()
        return
    current_type = None
    for c in COMMANDS:
        wanted = "A" if c["verb"] == "LIST" else "I"
        if wanted != current_type:
            command(ftp, f"TYPE {wanted}")
            if reply(ftp) is None:
                return
            current_type = wanted
        run_transfer(ftp, c, local_ip)
        if log.get("controlClosed"):
            ftp.close()
            return
    command(ftp, "QUIT")
    reply(ftp)
    ftp.close()
    note("closed")


try:
    main()
except Exception as e:  # the lab reads the log either way
    note("error", error=f"{type(e).__name__}: {e}")
print(json.dumps(log))
