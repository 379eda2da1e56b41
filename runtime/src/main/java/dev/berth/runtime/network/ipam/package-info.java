/**
 * IP address management: IPv4 values, the subnet pool that avoids the host's routes, and the
 * persisted allocations of subnets and addresses. Depends only on {@code runtime.api} and Jackson.
 */
package dev.berth.runtime.network.ipam;
