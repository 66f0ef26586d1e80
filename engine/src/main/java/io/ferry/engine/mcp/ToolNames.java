package io.ferry.engine.mcp;

import java.util.Locale;
import java.util.Set;

/**
 * Truto's tool names: {@code list_all_hubspot_contacts}, {@code get_single_hubspot_contact_by_id},
 * {@code create_a_hubspot_contact}, {@code update_a_hubspot_contact_by_id}, {@code delete_a_hubspot_contact_by_id},
 * and {@code {method}_hubspot_contacts} for custom methods; always 1–128 characters of {@code [A-Za-z0-9_.-]}.
 */
final class ToolNames {
  static final int MAX_LENGTH = 128;

  private ToolNames() {
  }

  static String of(String integration, String resource, String method) {
    String i = clean(integration);
    String r = clean(resource);
    String name = switch (method) {
      case "list" -> "list_all_" + i + "_" + r;
      case "get" -> "get_single_" + i + "_" + singular(r) + "_by_id";
      case "create" -> "create_a_" + i + "_" + singular(r);
      case "update" -> "update_a_" + i + "_" + singular(r) + "_by_id";
      case "delete" -> "delete_a_" + i + "_" + singular(r) + "_by_id";
      default -> clean(method) + "_" + i + "_" + r;
    };
    return truncate(name, MAX_LENGTH);
  }

  /** The same name with the resource left plural, accepted by {@code tools/call} as an alias. */
  static String pluralAlias(String integration, String resource, String method) {
    String i = clean(integration);
    String r = clean(resource);
    return truncate(switch (method) {
      case "get" -> "get_single_" + i + "_" + r + "_by_id";
      case "create" -> "create_a_" + i + "_" + r;
      case "update" -> "update_a_" + i + "_" + r + "_by_id";
      case "delete" -> "delete_a_" + i + "_" + r + "_by_id";
      default -> of(integration, resource, method);
    }, MAX_LENGTH);
  }

  /** {@code name}, or {@code name_2}, {@code name_3}, ... (kept within the limit), whichever is not taken yet. */
  static String unique(String name, Set<String> taken) {
    String candidate = name;
    for (int n = 2; taken.contains(candidate); n++) {
      String suffix = "_" + n;
      candidate = truncate(name, MAX_LENGTH - suffix.length()) + suffix;
    }
    return candidate;
  }

  static boolean valid(String name) {
    return name != null && !name.isEmpty() && name.length() <= MAX_LENGTH && name.matches("[A-Za-z0-9_.-]+");
  }

  /** Lower-case, and every character outside {@code [A-Za-z0-9_.-]} (spaces, slashes) becomes {@code _}. */
  static String clean(String s) {
    String out = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "_");
    return out.isEmpty() ? "_" : out;
  }

  /** English plural to singular for resource names: people, companies, addresses, statuses, users. */
  static String singular(String word) {
    if (word.endsWith("people")) {
      return word.substring(0, word.length() - 6) + "person";
    }
    if (word.endsWith("ies") && word.length() > 3) {
      return word.substring(0, word.length() - 3) + "y";
    }
    if (word.endsWith("sses") || word.endsWith("xes") || word.endsWith("ches") || word.endsWith("shes")
        || word.endsWith("statuses")) {
      return word.substring(0, word.length() - 2);
    }
    if (word.endsWith("s") && !word.endsWith("ss") && word.length() > 1) {
      return word.substring(0, word.length() - 1);
    }
    return word;
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
