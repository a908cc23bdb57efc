"""Plenary never touches the network: the main flows run with every socket call refused."""

from __future__ import annotations

import socket

import pytest

import main
from reader.common.tasks import TaskRunner
from reader.document.links import link_for, parse_link
from reader.window.main_window import MainWindow
from reader.window.settings import Settings


@pytest.fixture
def no_network(monkeypatch):
    attempts: list[str] = []

    def refuse(name):
        def refused(*args, **kwargs):
            attempts.append(name)
            raise OSError(f"network access attempted: {name}")
        return refused

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.{name}"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


def test_command_line_flows_stay_offline(no_network, data_dir, capsys):
    for argv in (["corpus"], ["index"], ["search", "extradition"],
                 ["similar", "S/RES/2396 (2017)#op12"]):
        assert main.main(["--data-dir", str(data_dir), *argv]) == 0
    assert no_network == []


def test_reading_flows_stay_offline(no_network, qtbot, library, data_dir, search_index):
    window = MainWindow(library, Settings(data_dir), TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.restore_state()
    window.show()
    window.search_panel.set_index(search_index)
    window.search_panel.search("PNR")
    window.search_panel.search_now()
    for symbol in ("S/RES/2396 (2017)", "A/RES/72/284"):
        window.open_document(symbol)
        for block in library.get(symbol).blocks:
            for ref in block.refs[:1]:
                window.view.linkActivated.emit(parse_link(link_for(ref, symbol)))
    window.navigator.go_back()
    window.close()
    assert no_network == []
