/** Discovery of providers through {@link java.util.ServiceLoader}, failing fast on conflicts. */
package dev.sanctl.core.provider;
