// P3's floor: a bare node:http server answering 204 to everything, started and pinned like the
// app (bench/run.ts). Whatever Playgate's check costs beyond this is Playgate's.
// Usage: taskset -c <core> node bench/bare-server.mjs <port>
import http from "node:http";

const port = Number(process.argv[2]);
http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(204);
    res.end();
  });
}).listen(port, "127.0.0.1", () => console.log(`bare ${port}`));
