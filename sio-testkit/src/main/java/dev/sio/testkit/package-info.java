/**
 * Testing a Sio application with JUnit 5: {@link dev.sio.testkit.SioServerExtension} starts a
 * server on a free loopback port for each test and hands out connected clients, {@link
 * dev.sio.testkit.EventRecorder} records what a client receives (attached in the client's setup, it
 * hears the first events too), {@link dev.sio.testkit.Await} waits for acknowledgements and
 * conditions; every wait has a deadline.
 */
package dev.sio.testkit;
