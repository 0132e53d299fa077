#!/usr/bin/env python3
"""An example data system for Rightful's webhooks (docs/webhooks.md). Standard library only.

    python3 docs/examples/webhook_receiver.py --secret whsec_... [--port 8787]
        [--mode receipt|data|accept] [--log applied.txt]

It checks each webhook's signature, applies each event id once, and answers as --mode says:
  receipt  200 with a receipt (what a delete or opt-out system would send)
  data     200 with the person's data (what an access or export system would send)
  accept   202, then a signed callback to Rightful from a background thread
Replace apply() with your system's real work.
"""
import argparse, hashlib, hmac, json, signal, sys, threading, time
import urllib.error, urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOLERANCE = 300  # seconds a signature's timestamp may be off from our clock

def sign(secret, timestamp, body):
    """The Rightful-Signature value for body: t=<unix>,v1=<hex HMAC-SHA256("<t>.<body>")>."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"

def verify(secret, header, body):
    """True if any v1 value matches, in constant time, and the timestamp is fresh."""
    timestamp, candidates = None, []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == "v1":
            candidates.append(value.encode())
    if timestamp is None or not candidates or abs(time.time() - timestamp) > TOLERANCE:
        return False
    expected = sign(secret, timestamp, body).split("v1=")[1].encode()
    return any(hmac.compare_digest(expected, c) for c in candidates)

def receipt(event):
    return {"deleted": True, "event_id": event["event_id"]}

def apply(event, mode):
    """Does the work for one event, once, and returns the answer (status, JSON body)."""
    if mode == "data":
        # Example data only: a real system returns what it holds about event["subject"].
        return 200, {"example": True, "subject_id": event["subject"]["subject_id"],
                     "orders": [{"order_id": "EX-1001", "item": "Example teapot", "total": "19.90"},
                                {"order_id": "EX-1002", "item": "Example cups", "total": "8.50"}]}
    if mode == "accept":
        return 202, {"accepted": True}  # the real work happens later; see call_back()
    return 200, {"receipt": receipt(event)}

def call_back(secret, event):
    """Reports an accepted event as done: POST {callback_url}, signed like a webhook."""
    body = json.dumps({"event_id": event["event_id"], "status": "done",
                       "receipt": receipt(event)}).encode()
    for attempt in range(5):
        request = urllib.request.Request(event["callback_url"], data=body, method="POST", headers={
            "Content-Type": "application/json",
            # Sign at send time: Rightful refuses timestamps more than 300 s off.
            "Rightful-Signature": sign(secret, int(time.time()), body)})
        try:
            with urllib.request.urlopen(request, timeout=10) as reply:
                note(f"callback {event['event_id']}: HTTP {reply.status}")  # 204: recorded
                return
        except urllib.error.HTTPError as err:
            note(f"callback {event['event_id']}: HTTP {err.code}")
            if err.code < 500 and err.code != 429:
                return  # 409: recorded already (an earlier try got through); other 4xx: a bug
        except OSError as err:
            note(f"callback {event['event_id']}: {err}")
        time.sleep(2 ** attempt)

def note(line):
    print(line, file=sys.stderr, flush=True)  # ids and statuses only, never personal data

class Hook(BaseHTTPRequestHandler):
    # The options (set in main), the answer given to each event id so far, and a lock.
    args, answers, lock = None, {}, threading.Lock()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path != "/hook":
            return self.reply(404, {"error": "not found"})
        if not verify(self.args.secret, self.headers.get("Rightful-Signature", ""), body):
            return self.reply(401, {"error": "bad signature"})
        try:
            event = json.loads(body)
            event_id = self.headers.get("Idempotency-Key") or event["event_id"]
        except (ValueError, KeyError, TypeError):
            return self.reply(400, {"error": "not an event"})
        if event.get("type") == "test":
            # A test delivery from the console's admin screen: a signed event with no person.
            note(f"test delivery {event_id}")
            return self.reply(200, {"ok": True})
        # The same event may come again (a retry after a timeout, a manual retry): apply it
        # once and give every copy the same answer.
        with self.lock:
            answer = self.answers.get(event_id)
            first = answer is None
            if first:
                answer = self.answers[event_id] = apply(event, self.args.mode)
                if self.args.log:
                    with open(self.args.log, "a") as log:
                        log.write(event_id + "\n")
        note(f"event {event_id} ({event.get('kind')}): {'applied' if first else 'duplicate'}")
        self.reply(*answer)
        if first and answer[0] == 202:
            threading.Thread(target=call_back, args=(self.args.secret, event), daemon=True).start()

    def reply(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_):
        pass  # the default logs every request line; note() says what matters

class Server(ThreadingHTTPServer):
    request_queue_size = 64  # the default, 5, resets bursts from several Rightful workers

def stop(signum, frame):
    raise KeyboardInterrupt  # SIGTERM stops the server the way Ctrl-C does

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--secret", required=True, help="the system's signing secret, whsec_...")
    parser.add_argument("--port", type=int, default=8787, help="0 picks a free port")
    parser.add_argument("--mode", choices=["receipt", "data", "accept"], default="receipt")
    parser.add_argument("--log", help="append each newly applied event id to this file")
    Hook.args = parser.parse_args()
    server = Server(("127.0.0.1", Hook.args.port), Hook)
    signal.signal(signal.SIGTERM, stop)
    print(f"listening on http://127.0.0.1:{server.server_address[1]}/hook", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()

if __name__ == "__main__":
    main()
