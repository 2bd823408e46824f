/**
 * The IEEE 11073-10101 terms WardGate emits: for each MDC metric code its reference id, default
 * unit and vital-signs LOINC, and for each MDC unit its UCUM code ({@link
 * io.wardgate.api.nomenclature.Nomenclature}, read from the table shipped in this package, whose
 * header names its sources). {@link io.wardgate.api.nomenclature.CodeSpace} checks a driver's code
 * space against it: no placeholder names, no unit without UCUM.
 */
@Export
@Version("1.1.0")
package io.wardgate.api.nomenclature;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
