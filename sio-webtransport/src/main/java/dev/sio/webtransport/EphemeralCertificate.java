package dev.sio.webtransport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A short-lived self-signed certificate that browsers accept by its hash ({@code new
 * WebTransport(url, {serverCertificateHashes: [{algorithm: "sha-256", value}]})}): ECDSA P-256,
 * X.509 v3 with extensions (Chromium refuses a certificate without them), valid from one minute ago
 * for at most 14 days (W3C WebTransport; Chromium refuses 15). Made with the JDK only.
 *
 * <pre>{@code
 * EphemeralCertificate cert = EphemeralCertificate.generate();
 * String hash = cert.hashBase64(); // for the page
 * }</pre>
 *
 * <p>A server that runs longer than {@link #notAfter()} needs a new one: browsers check the
 * validity at each connection.
 */
public final class EphemeralCertificate {
  /** The longest validity browsers accept for a certificate pinned by its hash. */
  public static final Duration MAX_VALIDITY = Duration.ofDays(14);

  /** The default validity: 13 days, a day short of {@link #MAX_VALIDITY}. */
  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(13);

  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
  // OIDs, DER-encoded with their tag and length
  private static final byte[] ECDSA_WITH_SHA256 = hex("06082a8648ce3d040302");
  private static final byte[] COMMON_NAME = hex("0603550403");
  private static final byte[] SUBJECT_ALT_NAME = hex("0603551d11");
  private static final byte[] BASIC_CONSTRAINTS = hex("0603551d13");

  private final PrivateKey privateKey;
  private final X509Certificate certificate;
  private final byte[] hash;

  private EphemeralCertificate(PrivateKey privateKey, X509Certificate certificate, byte[] hash) {
    this.privateKey = privateKey;
    this.certificate = certificate;
    this.hash = hash;
  }

  /** {@return a new certificate for localhost, 127.0.0.1 and ::1, valid for 13 days} */
  public static EphemeralCertificate generate() {
    return generate(DEFAULT_VALIDITY, List.of("localhost"), List.of("127.0.0.1", "::1"));
  }

  /**
   * {@return a new certificate}
   *
   * @param validity how long it is valid, counted from now (it starts a minute earlier), at most
   *     {@link #MAX_VALIDITY} in total
   * @param dnsNames the DNS names of its subject alternative names (the first is its CN)
   * @param ipAddresses the IP addresses of its subject alternative names (literals only)
   * @throws IllegalArgumentException when the validity is out of range or a name is invalid
   */
  public static EphemeralCertificate generate(
      Duration validity, List<String> dnsNames, List<String> ipAddresses) {
    Objects.requireNonNull(validity, "validity");
    Instant now = Instant.now();
    Instant notBefore = now.minusSeconds(60);
    Instant notAfter = now.plus(validity);
    if (validity.isNegative()
        || validity.isZero()
        || Duration.between(notBefore, notAfter).compareTo(MAX_VALIDITY) > 0) {
      throw new IllegalArgumentException(
          "validity must be positive and at most 14 days from a minute ago, got " + validity);
    }
    if (dnsNames.isEmpty()) {
      throw new IllegalArgumentException("at least one DNS name is needed (the CN)");
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = generator.generateKeyPair();
      byte[] serial = new byte[16];
      new SecureRandom().nextBytes(serial);
      serial[0] &= 0x7f; // positive
      serial[0] |= 0x40; // and 16 bytes long
      byte[] name = tlv(0x30, tlv(0x31, tlv(0x30, COMMON_NAME, utf8String(dnsNames.get(0)))));
      byte[] tbs =
          tlv(
              0x30,
              tlv(0xa0, tlv(0x02, new byte[] {2})), // v3
              tlv(0x02, serial),
              tlv(0x30, ECDSA_WITH_SHA256),
              name,
              tlv(0x30, utcTime(notBefore), utcTime(notAfter)),
              name,
              keys.getPublic().getEncoded(), // SubjectPublicKeyInfo, already DER
              tlv(0xa3, tlv(0x30, subjectAltName(dnsNames, ipAddresses), basicConstraints())));
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(keys.getPrivate());
      signer.update(tbs);
      byte[] signature = signer.sign(); // DER already
      byte[] der = tlv(0x30, tbs, tlv(0x30, ECDSA_WITH_SHA256), bitString(signature));
      X509Certificate cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(der));
      cert.verify(keys.getPublic());
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
      return new EphemeralCertificate(keys.getPrivate(), cert, hash);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make an EC P-256 certificate: " + e, e);
    }
  }

  /** {@return the private key} */
  public PrivateKey privateKey() {
    return privateKey;
  }

  /** {@return the certificate} */
  public X509Certificate certificate() {
    return certificate;
  }

  /** {@return the end of its validity} */
  public Instant notAfter() {
    return certificate.getNotAfter().toInstant();
  }

  /** {@return SHA-256 of the certificate's DER, what {@code serverCertificateHashes} holds} */
  public byte[] hash() {
    return hash.clone();
  }

  /** {@return {@link #hash()} in base64} */
  public String hashBase64() {
    return Base64.getEncoder().encodeToString(hash);
  }

  /** {@return {@link #hash()} in lower-case hex} */
  public String hashHex() {
    return HexFormat.of().formatHex(hash);
  }

  private static byte[] subjectAltName(List<String> dnsNames, List<String> ipAddresses) {
    ByteArrayOutputStream names = new ByteArrayOutputStream();
    for (String dns : dnsNames) {
      if (dns.isEmpty() || !StandardCharsets.US_ASCII.newEncoder().canEncode(dns)) {
        throw new IllegalArgumentException("not an ASCII DNS name: " + dns);
      }
      names.writeBytes(tlv(0x82, dns.getBytes(StandardCharsets.US_ASCII)));
    }
    for (String ip : ipAddresses) {
      names.writeBytes(tlv(0x87, ipLiteral(ip)));
    }
    return tlv(0x30, SUBJECT_ALT_NAME, tlv(0x04, tlv(0x30, names.toByteArray())));
  }

  private static byte[] basicConstraints() {
    // critical, cA false (an empty SEQUENCE)
    return tlv(0x30, BASIC_CONSTRAINTS, tlv(0x01, new byte[] {(byte) 0xff}), tlv(0x04, tlv(0x30)));
  }

  private static byte[] ipLiteral(String ip) {
    boolean literal =
        ip.indexOf(':') >= 0 || ip.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    if (!literal) {
      throw new IllegalArgumentException("not an IP address literal: " + ip);
    }
    try {
      return InetAddress.getByName(ip).getAddress(); // a literal: no lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address literal: " + ip, e);
    }
  }

  private static byte[] utf8String(String s) {
    return tlv(0x0c, s.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] utcTime(Instant t) {
    return tlv(0x17, UTC_TIME.format(t).getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] bitString(byte[] bits) {
    byte[] v = new byte[bits.length + 1]; // no unused bits
    System.arraycopy(bits, 0, v, 1, bits.length);
    return tlv(0x03, v);
  }

  /** One DER element: {@code tag}, the length, then {@code parts} joined. */
  static byte[] tlv(int tag, byte[]... parts) {
    ByteArrayOutputStream value = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      value.writeBytes(p);
    }
    int n = value.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream(n + 6);
    out.write(tag);
    if (n < 0x80) {
      out.write(n);
    } else {
      byte[] length = BigInteger.valueOf(n).toByteArray();
      int skip = length[0] == 0 ? 1 : 0;
      out.write(0x80 | (length.length - skip));
      out.write(length, skip, length.length - skip);
    }
    out.writeBytes(value.toByteArray());
    return out.toByteArray();
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }
}
