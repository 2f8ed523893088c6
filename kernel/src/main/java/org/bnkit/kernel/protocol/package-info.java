/**
 * The Jupyter connection: jjava's sockets and message signing, with shell and control channels
 * ({@link org.bnkit.kernel.protocol.KernelConnection}) that refuse a badly signed message without
 * stopping, which jjava's own channels do not survive.
 */
package org.bnkit.kernel.protocol;
