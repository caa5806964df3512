/** The starter's implementation: the properties' mapping to options and the choice of binding. */
package dev.sio.spring.boot.internal;
