"""A loopback TCP proxy in front of the test server that breaks connections at COMMIT, the one
moment a client cannot know what happened to its transaction.

It reads the client's side of the PostgreSQL protocol (startup packets, then typed messages) and
relays everything as it is, except every `every`-th simple query `COMMIT`:
- mode "after": the COMMIT goes to the server, and once the server's answer is back (the commit
  is done) the proxy closes both sides without relaying it: committed, but the client saw the
  connection die;
- mode "before": the proxy closes both sides instead of forwarding it: the server rolls back;
- mode "stall": the proxy closes the client's side only and keeps the server's open without
  forwarding the COMMIT: the server's process stays in its transaction, as when a network
  breaks and the server does not notice.
The server has no TLS: libpq's SSL and GSS requests get a "no" and the rest is plain text."""
import socket
import struct
import threading

SPECIAL_REQUESTS = {80877103, 80877104}  # SSLRequest, GSSENCRequest: answered with one byte


def read_exact(sock, size):
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


class CommitDroppingProxy:
    def __init__(self, upstream_port, every=3, mode="after", most=1000):
        self.upstream_port = upstream_port
        self.every = every
        self.mode = mode
        self.most = most
        self.commits = 0
        self.dropped = 0
        self.lock = threading.Lock()
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.closed = False
        self.stalled = []  # server sockets kept open on purpose
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self):
        self.closed = True
        self.listener.close()
        for sock in self.stalled:
            sock.close()

    def _accept(self):
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.upstream_port))
            link = {"drop_on_answer": False}
            threading.Thread(target=self._client_to_server, args=(client, server, link),
                             daemon=True).start()

    @staticmethod
    def _shut(client, server):
        for sock in (client, server):
            if sock is None:
                continue
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def _should_drop(self):
        with self.lock:
            self.commits += 1
            if self.commits % self.every == 0 and self.dropped < self.most:
                self.dropped += 1
                return True
            return False

    def _client_to_server(self, client, server, link):
        try:
            while True:  # startup phase: untyped packets
                header = read_exact(client, 8)
                length, code = struct.unpack("!ii", header)
                server.sendall(header + read_exact(client, length - 8))
                if code not in SPECIAL_REQUESTS:
                    break
                # The server answers such a request with one byte, before any message.
                client.sendall(read_exact(server, 1))
            threading.Thread(target=self._server_to_client, args=(client, server, link),
                             daemon=True).start()
            while True:
                header = read_exact(client, 5)
                kind = header[:1]
                (length,) = struct.unpack("!i", header[1:])
                body = read_exact(client, length - 4)
                if kind == b"Q" and body.lstrip().upper().startswith(b"COMMIT") and \
                        self._should_drop():
                    if self.mode == "before":
                        self._shut(client, server)
                        return
                    if self.mode == "stall":
                        self.stalled.append(server)
                        link["stalled"] = True
                        self._shut(client, None)
                        return
                    link["drop_on_answer"] = True
                server.sendall(header + body)
        except (ConnectionError, OSError):
            self._shut(client, None if link.get("stalled") else server)

    def _server_to_client(self, client, server, link):
        try:
            while True:
                header = read_exact(server, 5)
                (length,) = struct.unpack("!i", header[1:])
                body = read_exact(server, length - 4)
                if link["drop_on_answer"]:
                    self._shut(client, server)
                    return
                client.sendall(header + body)
        except (ConnectionError, OSError):
            if not link.get("stalled"):
                self._shut(client, server)
