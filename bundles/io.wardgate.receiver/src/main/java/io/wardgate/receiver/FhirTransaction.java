package io.wardgate.receiver;

import io.wardgate.shared.json.JsonWriter;
import java.util.List;

/**
 * A FHIR transaction Bundle that creates each resource only if no resource with its identifier
 * exists (conditional create, {@code ifNoneExist}): posting the same batch twice creates nothing new.
 */
final class FhirTransaction {
    private FhirTransaction() {
    }

    static String bundle(List<FhirResource> resources) {
        JsonWriter json = new JsonWriter().beginObject().field("resourceType", "Bundle").field("type", "transaction");
        json.name("entry").beginArray();
        for (FhirResource resource : resources) {
            json.beginObject().field("fullUrl", resource.fullUrl()).name("resource").raw(resource.json())
                    .name("request").beginObject().field("method", "POST").field("url", "Observation")
                    .field("ifNoneExist", resource.ifNoneExist()).endObject().endObject();
        }
        return json.endArray().endObject().toString();
    }
}
