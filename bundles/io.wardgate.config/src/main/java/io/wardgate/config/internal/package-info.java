/** The start-time repair, the write-back listener and the audit of repairs; not exported. */
package io.wardgate.config.internal;
