/**
 * The engine's persistent state: JSON records written atomically (temp file, fsync, rename) under
 * the state root, so a killed engine never leaves a torn file. Depends on {@code api} and Jackson.
 */
package dev.berth.runtime.state;
