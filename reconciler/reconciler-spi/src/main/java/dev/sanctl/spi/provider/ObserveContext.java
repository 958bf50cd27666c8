package dev.sanctl.spi.provider;

import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.NodeSpec;

/** Input of {@link Provider#observe}: the node, its host and the desired state (for scope). */
public record ObserveContext(NodeSpec node, Host host, DesiredState desired) {}
