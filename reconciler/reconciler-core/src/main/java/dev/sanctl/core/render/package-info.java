/**
 * Renderers of a finished plan: terminal text, Markdown for pull-request comments (always under
 * GitHub's 65,536 characters, truncating details but never the summary or the attention list) and
 * JSON. They depend only on {@code plan} and the SPI and never compute diffs.
 */
package dev.sanctl.core.render;
