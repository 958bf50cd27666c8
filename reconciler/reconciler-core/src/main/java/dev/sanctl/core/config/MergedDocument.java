package dev.sanctl.core.config;

import tools.jackson.databind.node.ObjectNode;

/** All files of a config directory merged into one tree; positions name each value's file. */
public record MergedDocument(ObjectNode root, Positions positions) {}
