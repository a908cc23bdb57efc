"""Back and forward, as a browser keeps them."""

from __future__ import annotations

import pytest

from reader.window.history import History, Location

A, B, C, D = (Location(s) for s in "ABCD")


def visited(*places: Location, limit: int = 200) -> History:
    history = History(limit)
    for place in places:
        history.visit(place)
    return history


def test_empty_history_goes_nowhere():
    history = History()

    assert history.current is None
    assert not history.can_go_back and not history.can_go_forward
    assert history.back() is None and history.forward() is None


def test_back_and_forward():
    history = visited(A, B, C)

    assert history.back() == B
    assert history.back() == A
    assert history.back() is None
    assert history.current == A
    assert history.forward() == B
    assert history.forward() == C
    assert history.forward() is None
    assert history.current == C


def test_flags_follow_the_cursor():
    history = visited(A, B)

    assert (history.can_go_back, history.can_go_forward) == (True, False)
    history.back()
    assert (history.can_go_back, history.can_go_forward) == (False, True)


def test_visiting_after_going_back_forgets_the_places_ahead():
    history = visited(A, B, C)
    history.back()
    history.back()

    history.visit(D)

    assert not history.can_go_forward
    assert history.back() == A
    assert history.forward() == D
    assert len(history) == 2


def test_the_same_place_twice_in_a_row_is_one_entry():
    history = visited(A, Location("B", "op3"), Location("B", "op3"))

    assert len(history) == 2
    assert history.back() == A


def test_another_paragraph_of_the_same_document_is_a_place():
    history = visited(Location("A", "op85"), Location("A", "op84"))

    assert history.back() == Location("A", "op85")


def test_history_is_bounded_and_forgets_the_oldest():
    history = visited(*(Location(str(i)) for i in range(10)), limit=4)

    assert len(history) == 4
    assert [history.back(), history.back(), history.back(), history.back()] == [
        Location("8"), Location("7"), Location("6"), None]


def test_limit_must_hold_a_place():
    with pytest.raises(ValueError):
        History(0)


def test_note_position_updates_the_current_place_of_the_same_document():
    history = visited(A, Location("B"))

    history.note_position(Location("B", "op12"))

    assert len(history) == 2
    assert history.current == Location("B", "op12")
    assert history.back() == A
    history.note_position(Location("A", "pp3"))  # keeps the place ahead
    assert history.forward() == Location("B", "op12")


def test_note_position_in_another_document_is_a_visit():
    history = visited(A)

    history.note_position(Location("B", "op1"))

    assert history.back() == A
