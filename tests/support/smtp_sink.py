#!/usr/bin/python3
"""A real SMTP server for tests (aiosmtpd) that keeps what it receives.

Listens on 127.0.0.1 at a port the kernel picks, writes that port to
--port-file (atomically), and stores each accepted message in --dir as
msg-N.json: the envelope, the raw message and what Python's e-mail parser
decodes from it (subject, to, from, body text with LF line ends,
content type).

Recipients at tempfail.example get "451" (a temporary error), those at
reject.example get "550" (a permanent one).
"""
import argparse
import asyncio
import email
import email.policy
import json
import os

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        domain = address.rpartition("@")[2].lower()
        if domain == "tempfail.example":
            return "451 4.3.0 Try again later"
        if domain == "reject.example":
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        message = email.message_from_bytes(raw, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "subject": str(message.get("subject", "")),
            "to": str(message.get("to", "")),
            "from": str(message.get("from", "")),
            "date": str(message.get("date", "")),
            "message_id": str(message.get("message-id", "")),
            "content_type": message.get_content_type(),
            "charset": message.get_content_charset() or "",
            # Canonical MIME text has CRLF line ends; report them as "\n".
            "text": body.get_content().replace("\r\n", "\n") if body is not None else "",
            "raw": raw.decode("utf-8", errors="replace"),
        }
        self.count += 1
        path = os.path.join(self.directory, "msg-%d.json" % self.count)
        with open(path + ".tmp", "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False)
        os.rename(path + ".tmp", path)
        return "250 Message accepted for delivery"


async def main(args):
    loop = asyncio.get_running_loop()
    sink = Sink(args.dir)
    server = await loop.create_server(
        lambda: SMTP(sink, hostname="sink.test", enable_SMTPUTF8=True),
        host="127.0.0.1", port=0)
    port = server.sockets[0].getsockname()[1]
    with open(args.port_file + ".tmp", "w") as out:
        out.write(str(port))
    os.rename(args.port_file + ".tmp", args.port_file)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port-file", required=True)
    asyncio.run(main(parser.parse_args()))
