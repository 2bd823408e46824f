package io.wardgate.kura.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** The Metatype of WardGate's own bundles (symbolic name io.wardgate.*), looked up through MetaTypeService. */
final class WardGateMetatype {
    static final String PREFIX = "io.wardgate.";

    private WardGateMetatype() {
    }

    static boolean isWardGate(Bundle bundle) {
        String name = bundle.getSymbolicName();
        return name != null && name.startsWith(PREFIX);
    }

    /** The Password attribute ids of a PID or factory PID, if some WardGate bundle defines it. */
    static List<String> passwordAttributes(BundleContext context, MetaTypeService metatype, String pid) {
        List<String> ids = new ArrayList<>();
        ocd(context, metatype, pid).ifPresent(ocd -> {
            AttributeDefinition[] ads = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
            for (AttributeDefinition ad : ads == null ? new AttributeDefinition[0] : ads) {
                if (ad.getType() == AttributeDefinition.PASSWORD) {
                    ids.add(ad.getID());
                }
            }
        });
        return ids;
    }

    static Optional<ObjectClassDefinition> ocd(BundleContext context, MetaTypeService metatype, String pid) {
        for (Bundle bundle : context.getBundles()) {
            if (!isWardGate(bundle) || bundle.getState() != Bundle.ACTIVE) {
                continue;
            }
            MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
            if (info != null && (List.of(info.getPids()).contains(pid) || List.of(info.getFactoryPids()).contains(pid))) {
                return Optional.ofNullable(info.getObjectClassDefinition(pid, null));
            }
        }
        return Optional.empty();
    }
}
