"""Events: actor - action - target with date, place, negation and future, from hand-written sentences."""

from datetime import date

from telusur.extract.entities import find_mentions, group_entities
from telusur.extract.events import find_events
from telusur.extract.mentions import MentionIndex
from telusur.extract.quotes import find_quotes
from telusur.model import TimeExpr
from telusur.text.timex import find_times


def events(body, published=date(2024, 10, 21)):
    entities = group_entities(find_mentions(body))
    times = [TimeExpr(t.text, t.start, t.end, t.value, t.granularity, t.anchor) for t in find_times(body, published)]
    return find_events(body, MentionIndex(entities), times, find_quotes(body, entities))


def triples(body, **kw):
    return [(e.actor, e.action, e.target) for e in events(body, **kw)]


def test_summon_takes_the_titled_person_and_a_coordinated_verb_shares_the_actor():
    body = ("Korea Selatan memanggil Duta Besar Rusia untuk Seoul, Georgy Zinoviev, pada Senin dan menuntut agar "
            "tentara Korea Utara ditarik.")
    found = events(body)
    assert [(e.actor, e.action, e.target) for e in found][:2] == [
        ("Korea Selatan", "summon", "Georgy Zinoviev"), ("Korea Selatan", "demand", None)]
    assert found[0].code == "114" and found[0].date == "2024-10-21"
    assert body[found[0].start : found[0].end] == "memanggil"


def test_deploy_needs_troops_and_takes_the_destination_as_target():
    assert triples("Pyongyang telah mengirim 1.500 personel pasukan operasi khusus ke Rusia.") == [
        ("Pyongyang", "deploy", "Rusia")]
    # sending a letter is no deployment; sending weapons is a supply
    assert triples("Korea Utara mengirim surat kepada Rusia.") == []
    assert triples("Korea Utara mengirim senjata dan amunisi ke Rusia.") == [("Korea Utara", "supply", "Rusia")]


def test_negation_and_future_are_marked():
    (e,) = events("NATO belum mengonfirmasi laporan tersebut.")
    assert (e.actor, e.action, e.negated, e.future) == ("NATO", "confirm", True, False)
    (e,) = events("Indonesia akan mengirim 500 pasukan perdamaian ke Lebanon.")
    assert (e.actor, e.action, e.target, e.future) == ("Indonesia", "deploy", "Lebanon", True)


def test_a_state_governed_by_a_preposition_is_not_the_subject():
    assert triples("Pengiriman tentara ke Rusia mengancam keamanan Eropa.") == []


def test_a_relative_clause_does_not_give_its_verb_to_the_entity_before():
    assert triples("Seoul akan menanggapi setiap tindakan yang mengancam keamanannya.") == []


def test_test_fire_and_meet_with_place():
    body = ("Korea Utara meluncurkan rudal balistik Hwasong-19 pada Kamis. Menteri Luar Negeri Korea Utara Choe Son Hui "
            "bertemu Menteri Luar Negeri Rusia Sergei Lavrov di Moskow.")
    found = events(body, published=date(2024, 11, 1))
    assert [(e.actor, e.action, e.target) for e in found] == [
        ("Korea Utara", "test-fire", None), ("Choe Son Hui", "meet", "Sergei Lavrov")]
    assert found[0].date == "2024-10-31" and found[1].place == "Moskow"


def test_reported_speech_with_a_decided_speaker_is_a_say_event():
    body = "Menteri Pertahanan AS Lloyd Austin mengatakan bahwa ada bukti tentara Korea Utara berada di Rusia."
    assert ("Lloyd Austin", "say", None) in triples(body)


def test_a_joint_subject_signs_with_the_other_or_each_acts():
    body = ("Presiden Rusia Vladimir Putin dan pemimpin Korut Kim Jong Un menandatangani perjanjian kemitraan di "
            "Pyongyang pada Juni lalu.")
    assert ("Vladimir Putin", "sign", "Kim Jong Un") in triples(body)
    body = "Korea Selatan dan Uni Eropa mendesak Pyongyang segera menarik pasukannya dari Rusia."
    assert {("Korea Selatan", "demand", "Pyongyang"), ("Uni Eropa", "demand", "Pyongyang")} <= set(triples(body))


def test_sharing_weapons_technology_is_a_supply():
    (e,) = events("Moskow akan membagikan teknologi senjata mutakhir kepada Pyongyang.")
    assert (e.actor, e.action, e.target, e.future) == ("Moskow", "supply", "Pyongyang", True)


def test_english_verbs_starting_with_di_are_not_passive():
    (e,) = events("Russian envoy Vasily Nebenzia dismissed the claims at the Security Council.")
    assert (e.actor, e.action) == ("Vasily Nebenzia", "deny")
