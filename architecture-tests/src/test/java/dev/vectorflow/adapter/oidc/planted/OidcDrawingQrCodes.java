package dev.vectorflow.adapter.oidc.planted;

import io.nayuki.qrcodegen.QrCode;

/** Planted violation: a QR code drawn outside the HTTP adapter. */
public final class OidcDrawingQrCodes {

    public int size(String text) {
        return QrCode.encodeText(text, QrCode.Ecc.LOW).size;
    }
}
