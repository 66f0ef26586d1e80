package io.ferry.engine.http;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AddressPolicyTest {

  @Test
  @DisplayName("every inet_aton spelling of 127.0.0.1 reads as loopback, as C resolvers and browsers read it")
  void ipv4Spellings() {
    for (String form : List.of("127.0.0.1", "0x7f000001", "0177.0.0.1", "2130706433", "127.1", "0x7f.0.0.1", "017700000001", "127.0.0.1.")) {
      InetAddress a = HostLiteral.address(form);
      assertThat(a).as(form).isNotNull();
      assertThat(a.getHostAddress()).as(form).isEqualTo("127.0.0.1");
    }
    assertThat(HostLiteral.address("example.com")).isNull();
    assertThat(HostLiteral.address("256.1.1.1")).isNull();
    assertThat(HostLiteral.address("1.2.3.4.5")).isNull();
  }

  @Test
  @DisplayName("internal addresses in every IPv4 and IPv6 form are refused; public ones pass")
  void refusals() {
    for (String host : List.of("127.0.0.1", "10.1.2.3", "172.31.255.1", "192.168.0.1", "169.254.169.254", "100.64.0.1",
        "0.0.0.0", "255.255.255.255", "224.0.0.1", "240.0.0.1", "198.18.0.1", "[::1]", "[::]", "[::127.0.0.1]", "[::7f00:1]",
        "[::ffff:10.0.0.1]", "[64:ff9b::7f00:1]", "[64:ff9b:1::1]", "[2002:7f00:1::1]", "[2002:a00:1::]", "[fd12::1]",
        "[fe80::1%1]", "[ff02::1]", "[fec0::1]", "[2001::1]", "[2001:db8::1]")) {
      assertThat(AddressPolicy.refusal(HostLiteral.address(host))).as(host).isNotNull();
    }
    for (String host : List.of("93.184.216.34", "8.8.8.8", "[2606:4700:4700::1111]", "[2002:5db8:d822::1]", "[64:ff9b::808:808]")) {
      String why = AddressPolicy.refusal(HostLiteral.address(host));
      if (host.startsWith("[2002") || host.startsWith("[64:ff9b")) {
        assertThat(why).as(host + ": relays reach another network's IPv4; refused even when public").isNotNull();
      } else {
        assertThat(why).as(host).isNull();
      }
    }
  }
}
