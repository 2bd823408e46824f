package io.wardgate.receiver;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.interceptor.RequestValidatingInterceptor;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;

/**
 * A FHIR R4 server for tests: HAPI's RestfulServer on Jetty, on loopback, validating every request
 * with the HL7 validator (errors are refused with 422) and keeping Observations in memory. Its
 * transaction handler does what the FHIR RESTful API says of a conditional create in a transaction:
 * an entry whose ifNoneExist search finds a resource creates nothing ("200 OK").
 */
public final class FhirTestServer implements AutoCloseable {
    private final Store store = new Store();
    private final Server jetty;
    private final int port;

    public FhirTestServer() throws Exception {
        RestfulServer fhir = new RestfulServer(FhirValidation.CONTEXT);
        fhir.setResourceProviders(store);
        fhir.registerProvider(new Transactions(store));
        RequestValidatingInterceptor validating = new RequestValidatingInterceptor();
        validating.addValidatorModule(FhirValidation.module());
        validating.setFailOnSeverity(ResultSeverityEnum.ERROR);
        validating.setAddResponseHeaderOnSeverity(null);
        fhir.registerInterceptor(validating);
        jetty = new Server(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(fhir), "/fhir/*");
        jetty.setHandler(context);
        jetty.start();
        ServerConnector connector = (ServerConnector) jetty.getConnectors()[0];
        port = connector.getLocalPort();
        connector.setPort(port); // a restart binds the same port again, not a new ephemeral one
    }

    /** Loads the validator's definitions now (seconds on a loaded machine), not inside the first request. */
    public void warmUp() {
        FhirValidation.problems("{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"}}");
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port + "/fhir");
    }

    void stop() throws Exception {
        jetty.stop();
    }

    /** Starts again on the same port, keeping what it stored. */
    void restart() throws Exception {
        jetty.start();
    }

    public List<Observation> observations() {
        return store.all();
    }

    int creates() {
        return store.creates;
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }

    /** Observations by id, searchable by identifier. */
    static final class Store implements IResourceProvider {
        private final Map<String, Observation> byId = new LinkedHashMap<>();
        private int creates;

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return Observation.class;
        }

        @Read
        public synchronized Observation read(@IdParam IdType id) {
            Observation found = byId.get(id.getIdPart());
            if (found == null) {
                throw new ResourceNotFoundException(id);
            }
            return found;
        }

        @Search
        public synchronized List<Observation> byIdentifier(@RequiredParam(name = Observation.SP_IDENTIFIER) TokenParam token) {
            return byId.values().stream().filter(o -> o.getIdentifier().stream()
                    .anyMatch(i -> matches(i, token.getSystem(), token.getValue()))).toList();
        }

        synchronized String create(Observation o) {
            String id = Integer.toString(byId.size() + 1);
            o.setId(id);
            byId.put(id, o);
            creates++;
            return id;
        }

        synchronized List<Observation> all() {
            return new ArrayList<>(byId.values());
        }

        private static boolean matches(Identifier identifier, String system, String value) {
            return identifier.getSystem().equals(system) && identifier.getValue().equals(value);
        }
    }

    /** The system-level transaction: conditional creates of Observations. */
    public static final class Transactions {
        private final Store store;

        Transactions(Store store) {
            this.store = store;
        }

        @Transaction
        public Bundle transaction(@TransactionParam Bundle request) {
            Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
            synchronized (store) {
                for (Bundle.BundleEntryComponent entry : request.getEntry()) {
                    if (entry.getRequest().getMethod() != Bundle.HTTPVerb.POST
                            || !(entry.getResource() instanceof Observation o)) {
                        throw new InvalidRequestException("only POST of Observation is supported here");
                    }
                    String[] token = token(entry.getRequest().getIfNoneExist());
                    List<Observation> existing = store.byIdentifier(new TokenParam(token[0], token[1]));
                    Bundle.BundleEntryResponseComponent outcome = response.addEntry().getResponse();
                    if (existing.isEmpty()) {
                        outcome.setStatus("201 Created").setLocation("Observation/" + store.create(o.copy()));
                    } else {
                        outcome.setStatus("200 OK").setLocation("Observation/" + existing.get(0).getIdElement().getIdPart());
                    }
                }
            }
            return response;
        }

        /** "identifier=system|value", URL-encoded, with search-token escapes in the value. */
        static String[] token(String ifNoneExist) {
            if (ifNoneExist == null || !ifNoneExist.startsWith("identifier=")) {
                throw new InvalidRequestException("ifNoneExist must search by identifier: " + ifNoneExist);
            }
            String decoded = URLDecoder.decode(ifNoneExist.substring("identifier=".length()), StandardCharsets.UTF_8);
            int bar = -1;
            for (int i = 0; i < decoded.length(); i++) {
                if (decoded.charAt(i) == '\\') {
                    i++;
                } else if (decoded.charAt(i) == '|') {
                    bar = i;
                    break;
                }
            }
            if (bar < 0) {
                throw new InvalidRequestException("identifier token without a system: " + ifNoneExist);
            }
            String value = decoded.substring(bar + 1).replaceAll("\\\\(.)", "$1");
            return new String[] {decoded.substring(0, bar), value};
        }
    }
}
