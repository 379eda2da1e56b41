/**
 * berthd: the engine as a daemon serving the Docker Engine API on a unix socket. {@code
 * EngineServices} opens the engine (images, networks with the default bridge, containers, the
 * container service) in order and closes it in reverse; {@code Berthd} serves it. May use every
 * other runtime package; nothing in the runtime depends on it.
 *
 * <p>Spike verdict (issue 7): Jetty 12 stays. The docker 28 CLI's {@code docker run --rm IMAGE echo
 * hi} (HEAD /_ping, create, attach with {@code Upgrade: tcp}, wait, start) works through Jetty's
 * own upgrade path: the handler answers 101 and sets {@code
 * HttpStream.UPGRADE_CONNECTION_ATTRIBUTE}; once the 101 is flushed Jetty swaps the endpoint's
 * connection for berth's {@code hijack.HijackedConnection}, handing over any bytes it had already
 * read. A client's half-close surfaces as {@code fill() == -1} on the endpoint while output stays
 * writable, so {@code docker run -i ... cat} sees its whole input echoed after closing stdin. No
 * HTTP parsing is berth's own, and Netty was not needed.
 */
package dev.berth.runtime.server;
