package dev.vectorflow.core.identity;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a person's groups give them under a provider's rules: a role per team (the highest of the rules that match) and,
 * when the provider has platform-admin rules at all, whether they are a platform admin. A person no team rule matches
 * gets the provider's default team role, if it has one, or no team.
 */
public record GroupMapping(Map<TeamName, Role> teams, Optional<Boolean> platformAdmin) {

    public GroupMapping {
        teams = Map.copyOf(teams);
    }

    public static GroupMapping of(OidcProvider provider, Collection<String> groups) {
        Set<String> member = Set.copyOf(groups);
        Map<TeamName, Role> teams = new LinkedHashMap<>();
        boolean platformRules = false;
        boolean admin = false;
        for (GroupRule rule : provider.rules()) {
            platformRules |= rule.platformAdmin();
            if (!member.contains(rule.group())) {
                continue;
            }
            admin |= rule.platformAdmin();
            rule.team().ifPresent(team -> teams.merge(team, rule.role().orElseThrow(), (a, b) -> a.atLeast(b) ? a : b));
        }
        if (teams.isEmpty() && provider.defaultTeam().isPresent()) {
            teams.put(provider.defaultTeam().get(), provider.defaultRole().orElseThrow());
        }
        return new GroupMapping(teams, platformRules ? Optional.of(admin) : Optional.empty());
    }
}
