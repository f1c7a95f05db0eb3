package dev.vectorflow.adapter.http.planted;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;

/** Planted violation: the HTTP adapter reading an ID token itself instead of going through the OpenIdConnect port. */
public final class HttpReadingTokens {

    public String subject(String idToken) throws ParseException {
        return JWTParser.parse(idToken).getJWTClaimsSet().getSubject();
    }
}
