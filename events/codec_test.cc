#include "events/codec.h"

#include <doctest/doctest.h>

#include "events/types.h"
#include "events/upcast.h"

using namespace ta::events;

TEST_CASE("a line encodes the envelope in a fixed key order and decodes back") {
  Event e{42, "2026-11-20T21:39:00.123456Z", "send.submitted", 1, "demo",
          Json{{"to", "backend"}, {"message_id", "msg_0123456789ab"}}, ""};
  auto line = encode_line(e);
  CHECK(line ==
        R"({"seq":42,"ts":"2026-11-20T21:39:00.123456Z","event":"send.submitted","v":1,)"
        R"("team":"demo","data":{"message_id":"msg_0123456789ab","to":"backend"}})");
  auto back = decode_line(line);
  REQUIRE(back.ok());
  CHECK(back->seq == 42);
  CHECK(back->type == "send.submitted");
  CHECK(back->data["to"] == "backend");
  CHECK(back->key.empty());
  CHECK(encode_line(*back) == line);
}

TEST_CASE("the idempotency key is the last field and can be read without parsing") {
  Event e{7, "2026-11-20T21:39:00.000000Z", "message.accepted", 1, "t",
          Json{{"content", "a \"key\":\"x\" inside"}, {"key", "decoy"}}, "msg_00000000beef"};
  auto line = encode_line(e);
  CHECK(peek_key(line) == "msg_00000000beef");
  CHECK(peek_seq(line) == 7u);
  e.key.clear();
  CHECK(peek_key(encode_line(e)).empty());
}

TEST_CASE("decode rejects lines that are not complete events") {
  CHECK_FALSE(decode_line("").ok());
  CHECK_FALSE(decode_line("{\"seq\":1,\"ts\":\"x\"").ok());
  CHECK_FALSE(decode_line("[1,2]").ok());
  CHECK_FALSE(decode_line(R"({"seq":0,"ts":"t","event":"a","v":1,"team":"t","data":{}})").ok());
  CHECK_FALSE(decode_line(R"({"seq":1,"ts":"t","event":"a","v":1,"team":"t","data":[]})").ok());
  CHECK_FALSE(peek_seq("{\"seq\":abc,").has_value());
  CHECK_FALSE(peek_seq("\0\0\0").has_value());
}

TEST_CASE("invalid UTF-8 in data is replaced, never written as broken JSON") {
  Event e{1, "t", "x", 1, "t", Json{{"content", std::string("ok \xff\xfe bad")}}, ""};
  auto line = encode_line(e);
  CHECK(decode_line(line).ok());
}

TEST_CASE("keys are limited to a safe charset") {
  CHECK(is_valid_key("msg_0123456789ab"));
  CHECK(is_valid_key("result:r1/leader@s1"));
  CHECK_FALSE(is_valid_key(""));
  CHECK_FALSE(is_valid_key("has space"));
  CHECK_FALSE(is_valid_key("quote\""));
  CHECK_FALSE(is_valid_key(std::string(201, 'a')));
}

TEST_CASE("typed payloads round-trip and check their type and version") {
  MessageAccepted m{"msg_0123456789ab", "leader", "backend", "T1", "hello", true, "b1"};
  auto d = to_draft(m, m.message_id);
  CHECK(d.type == "message.accepted");
  CHECK(d.key == "msg_0123456789ab");
  Event e{1, "t", d.type, d.v, "demo", d.data, d.key};
  auto back = decode<MessageAccepted>(e);
  REQUIRE(back.ok());
  CHECK(back->to == "backend");
  CHECK(back->now);
  CHECK_FALSE(decode<SendSubmitted>(e).ok());
  e.v = 2;
  CHECK_FALSE(decode<MessageAccepted>(e).ok());
}

TEST_CASE("missing fields take their defaults so older events still decode") {
  Event e{1, "t", "send.failed", 1, "demo", Json{{"message_id", "m"}, {"reason", "gone"}}, ""};
  auto f = decode<SendFailed>(e);
  REQUIRE(f.ok());
  CHECK(f->reason == "gone");
  CHECK(f->attempt == 1);
  CHECK(f->stage.empty());
}

TEST_CASE("the upcaster lifts old versions step by step") {
  Upcaster u;
  u.add_step("demo.renamed", 1, [](Json& d) { d["recipient"] = d["to"]; d.erase("to"); });
  u.add_step("demo.renamed", 2, [](Json& d) { d["priority"] = 0; });
  Event e{1, "t", "demo.renamed", 1, "t", Json{{"to", "a"}}, ""};
  u.upcast(e);
  CHECK(e.v == 3);
  CHECK(e.data["recipient"] == "a");
  CHECK(e.data["priority"] == 0);
  CHECK_FALSE(e.data.contains("to"));
  Event other{2, "t", "other", 1, "t", Json::object(), ""};
  u.upcast(other);
  CHECK(other.v == 1);
}

TEST_CASE("the catalogue lists every typed event with its fields") {
  auto* s = find_event_spec("worker.first_interaction");
  REQUIRE(s != nullptr);
  CHECK(s->version == 1);
  CHECK(s->fields == std::vector<std::string>{"first_send_at", "message_id", "worker_id"});
  CHECK(find_event_spec("no.such") == nullptr);
}
