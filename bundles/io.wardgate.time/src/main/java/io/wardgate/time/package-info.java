/** The clock state component and what it reads; not exported. */
package io.wardgate.time;
