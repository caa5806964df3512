package dev.sio.webtransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What browsers check in a certificate pinned by {@code serverCertificateHashes} (W3C WebTransport,
 * Chromium's fingerprint verifier; docs/design/WEBTRANSPORT.md §2.5, §10.4): X.509 v3 with
 * extensions, ECDSA P-256, at most 14 days, now inside. Chromium 156 refused 15 days and a v3
 * certificate without the extensions field with CERTIFICATE_VERIFY_FAILED in the spike.
 */
class EphemeralCertificateTest {
  @Test
  void isAnX509v3EcP256CertificateSignedWithItsOwnKey() throws Exception {
    EphemeralCertificate c = EphemeralCertificate.generate();
    X509Certificate cert = c.certificate();
    assertThat(cert.getVersion()).isEqualTo(3);
    assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(cert.getPublicKey()).isInstanceOf(ECPublicKey.class);
    assertThat(((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize())
        .isEqualTo(256);
    assertThat(cert.getPublicKey().toString()).contains("secp256r1");
    cert.verify(cert.getPublicKey()); // self-signed
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    assertThat(cert.getSerialNumber().signum()).isPositive();

    Signature s = Signature.getInstance("SHA256withECDSA"); // the key pair belongs together
    s.initSign(c.privateKey());
    s.update(new byte[] {1, 2, 3});
    byte[] sig = s.sign();
    s.initVerify(cert.getPublicKey());
    s.update(new byte[] {1, 2, 3});
    assertThat(s.verify(sig)).isTrue();
  }

  @Test
  void isValidNowForAtMostFourteenDays() {
    Instant before = Instant.now();
    EphemeralCertificate c = EphemeralCertificate.generate();
    Instant notBefore = c.certificate().getNotBefore().toInstant();
    Instant notAfter = c.notAfter();
    assertThat(notBefore).isBefore(before);
    assertThat(notAfter).isAfter(Instant.now().plus(Duration.ofDays(12)));
    assertThat(Duration.between(notBefore, notAfter)).isLessThanOrEqualTo(Duration.ofDays(14));
  }

  @Test
  void hasTheExtensionsChromiumRequires() throws Exception {
    X509Certificate cert = EphemeralCertificate.generate().certificate();
    assertThat(cert.getCriticalExtensionOIDs()).containsExactly("2.5.29.19");
    assertThat(cert.getNonCriticalExtensionOIDs()).containsExactly("2.5.29.17");
    assertThat(cert.getBasicConstraints()).isEqualTo(-1); // not a CA
    assertThat(cert.getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(
            List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
  }

  @Test
  void theHashIsSha256OfTheDerInBase64AndHex() throws Exception {
    EphemeralCertificate c = EphemeralCertificate.generate();
    byte[] expected = MessageDigest.getInstance("SHA-256").digest(c.certificate().getEncoded());
    assertThat(c.hash()).isEqualTo(expected).hasSize(32);
    assertThat(c.hashBase64()).isEqualTo(Base64.getEncoder().encodeToString(expected));
    assertThat(c.hashHex()).isEqualTo(HexFormat.of().formatHex(expected));
    c.hash()[0] ^= 1; // a copy
    assertThat(c.hash()).isEqualTo(expected);
    assertThat(EphemeralCertificate.generate().hash()).isNotEqualTo(expected); // a new key each
  }

  @Test
  void refusesAValidityBrowsersWouldRefuse() {
    assertThatThrownBy(
            () ->
                EphemeralCertificate.generate(Duration.ofDays(14), List.of("localhost"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("validity must be positive and at most 14 days from a minute ago, got PT336H");
    assertThatThrownBy(
            () -> EphemeralCertificate.generate(Duration.ZERO, List.of("localhost"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                EphemeralCertificate.generate(
                    Duration.ofDays(1), List.of("localhost"), List.of("example.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not an IP address literal: example.com");
    EphemeralCertificate longest =
        EphemeralCertificate.generate(
            Duration.ofDays(14).minusMinutes(1), List.of("a.test"), List.of());
    assertThat(longest.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=a.test");
  }
}
