/**
 * Published ports: compose's port ranges expanded to single bindings, and host ports reserved by
 * holding sockets on them, so a port in use fails before anything starts. Uses firewall and ipam.
 */
package dev.berth.runtime.network.ports;
