package io.chainfl.ledger.ethereum;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes a {@link HardhatNode} parameter: one node per test class in the mining mode of its
 * {@link Mining} annotation (instant without one), stopped after the class (and at JVM exit regardless).
 */
final class HardhatExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(HardhatExtension.class);

    private record Running(HardhatNode node) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            node.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == HardhatNode.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        Mining mining = testClass.getAnnotation(Mining.class);
        long interval = mining == null ? 0 : mining.intervalMs();
        ExtensionContext classContext = context.getTestMethod().isPresent() ? context.getParent().orElseThrow() : context;
        return classContext.getStore(NS)
                .getOrComputeIfAbsent("node", k -> new Running(HardhatNode.start(interval)), Running.class)
                .node();
    }
}
