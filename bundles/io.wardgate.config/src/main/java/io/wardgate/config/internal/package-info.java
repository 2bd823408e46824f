/** The start-time repair, the write-back listener, their audit and the check service; not exported. */
package io.wardgate.config.internal;
