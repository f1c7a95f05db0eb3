package dev.vectorflow.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.validation.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdentityModelTest {

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
    private final TeamId team = new TeamId(UUID.randomUUID());
    private final TeamId other = new TeamId(UUID.randomUUID());

    @Test
    void emailsAreLowerCasedAndChecked() {
        assertThat(new Email("  Ada@Example.COM ").value()).isEqualTo("ada@example.com");
        assertThatThrownBy(() -> new Email("not-an-email")).isInstanceOf(InvalidValueException.class).hasMessageContaining("'email'");
    }

    @Test
    void newPasswordsNeedTwelveCharactersAndNeverPrint() {
        assertThatThrownBy(() -> new Password("short-pw").requireStrongEnough()).hasMessage("'password' must be at least 12 characters");
        Password p = new Password("correct horse battery");
        assertThat(p.requireStrongEnough()).isSameAs(p);
        assertThat(p.toString()).doesNotContain("horse");
    }

    @Test
    void fiveFailedSignInsLockTheAccountForFifteenMinutes() {
        User user = User.create(new UserId(UUID.randomUUID()), new Email("a@example.com"), new PersonName("A"), "hash", false, T0);
        for (int i = 0; i < 4; i++) {
            user = user.failedSignIn(T0);
        }
        assertThat(user.lockedAt(T0)).isFalse();
        user = user.failedSignIn(T0);
        assertThat(user.lockedAt(T0.plus(Duration.ofMinutes(14)))).isTrue();
        assertThat(user.lockedAt(T0.plus(Duration.ofMinutes(15)))).isFalse();
        assertThat(user.succeededSignIn().failedSignIns()).isZero();
        assertThat(user.toString()).doesNotContain("hash");
    }

    @Test
    void anAccountMadeByAnAdmin_mustChooseAPassword_andOnlyOneWhoseChosenPasswordWasReset_isToldItWasReset() {
        User fresh = User.createWithInitialPassword(new UserId(UUID.randomUUID()), new Email("n@example.com"), new PersonName("N"), "hash",
                false, T0);
        assertThat(fresh.passwordChangeReason()).contains(User.PasswordChangeReason.NEW_ACCOUNT);
        // a rename or a rehash tells nothing new about the password
        assertThat(fresh.withProfile(new PersonName("M"), false, T0.plusSeconds(5)).withRehashedPassword("rehashed").passwordChangeReason())
                .contains(User.PasswordChangeReason.NEW_ACCOUNT);
        User chosen = fresh.withChosenPassword("mine", T0.plusSeconds(60));
        assertThat(chosen.passwordChangeReason()).isEmpty();
        assertThat(chosen.passwordChosenAt()).contains(T0.plusSeconds(60));
        assertThat(chosen.withTemporaryPassword("temporary", T0.plusSeconds(120)).passwordChangeReason())
                .contains(User.PasswordChangeReason.RESET);
        assertThat(User.create(new UserId(UUID.randomUUID()), new Email("s@example.com"), new PersonName("S"), "hash", true, T0)
                .passwordChangeReason()).isEmpty();
    }

    @Test
    void rolesAreOrdered() {
        assertThat(Role.ADMIN.atLeast(Role.EDITOR)).isTrue();
        assertThat(Role.VIEWER.atLeast(Role.EDITOR)).isFalse();
        assertThat(Role.ADMIN.min(Role.VIEWER)).isEqualTo(Role.VIEWER);
    }

    @Test
    void aMemberHasRolesOnlyInTheirTeams_aPlatformAdminEverywhere_aCappedTokenNoMore() {
        UserId id = new UserId(UUID.randomUUID());
        Principal.Member editor = new Principal.Member(id, new Email("e@example.com"), false, false, Map.of(team, Role.EDITOR),
                Optional.empty(), Optional.empty());
        assertThat(editor.roleIn(team)).contains(Role.EDITOR);
        assertThat(editor.roleIn(other)).isEmpty();

        Principal.Member root = new Principal.Member(id, new Email("r@example.com"), true, false, Map.of(), Optional.empty(), Optional.empty());
        assertThat(root.roleIn(other)).contains(Role.ADMIN);
        assertThat(root.platformAdmin()).isTrue();

        Principal.Member rootViaViewerToken = new Principal.Member(id, new Email("r@example.com"), true, false, Map.of(),
                Optional.of(Role.VIEWER), Optional.of(new ApiTokenId(UUID.randomUUID())));
        assertThat(rootViaViewerToken.roleIn(other)).contains(Role.VIEWER);
        assertThat(rootViaViewerToken.platformAdmin()).isFalse();

        Principal.TeamToken token = new Principal.TeamToken(new ApiTokenId(UUID.randomUUID()), "ci", team, Role.EDITOR);
        assertThat(token.roleIn(team)).contains(Role.EDITOR);
        assertThat(token.roleIn(other)).isEmpty();
    }

    @Test
    void sessionsEndWhenIdleOrOld() {
        Session s = new Session("h", new UserId(UUID.randomUUID()), "csrf", T0, T0, T0.plus(Duration.ofDays(7)), "", "");
        assertThat(s.activeAt(T0.plus(Duration.ofHours(7)), Duration.ofHours(8))).isTrue();
        assertThat(s.activeAt(T0.plus(Duration.ofHours(9)), Duration.ofHours(8))).isFalse();
        assertThat(s.activeAt(T0.plus(Duration.ofDays(8)), Duration.ofDays(30))).isFalse();
    }

    @Test
    void tokensAreStoredAsSha256() {
        assertThat(SecretTokens.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(SecretTokens.constantTimeEquals("a", "a")).isTrue();
        assertThat(SecretTokens.constantTimeEquals("a", null)).isFalse();
    }

    @Test
    void hashesTakenAtOnceOnManyThreads_areEachTheHashOfTheirOwnText() throws Exception {
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        String empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        List<Thread> threads = new ArrayList<>();
        AtomicInteger wrong = new AtomicInteger();
        for (int t = 0; t < 4; t++) {
            boolean even = t % 2 == 0;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 5_000; i++) {
                    if (!(even ? SecretTokens.hash("abc").equals(abc) : SecretTokens.hash("").equals(empty))) {
                        wrong.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(wrong).hasValue(0);
    }
}
