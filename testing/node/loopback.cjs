// Preload (node --require) for test servers that take only a port: makes listen(port) bind 127.0.0.1, not every
// interface, so nothing a test starts is reachable from outside this machine.
const net = require("node:net");
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if ((typeof args[0] === "number" || typeof args[0] === "string") && (args.length === 1 || typeof args[1] === "function")) {
    args.splice(1, 0, "127.0.0.1");
  }
  return listen.apply(this, args);
};
