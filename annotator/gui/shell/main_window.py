"""The main window: library (left), documents side by side (centre), annotations (right)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow

from ..dialogs.errors import show_error
from ..document.open_documents import OpenDocuments
from ..document.open_links import OpenLinks
from ..document.pane_area import PaneArea
from ..editing.editor import Editor
from ..jobs.background_job import JobHost
from ..panels.annotation_panel import AnnotationPanel
from ..panels.label_bar import LabelBar
from ..panels.library_panel import LibraryPanel
from ..panels.links_panel import LinksPanel
from ..panels.search_panel import SearchPanel
from . import read_only, theme
from .backup_actions import ask_restore, attach_daily_backup
from .bridge import ChangeBridge
from .external_watch import ExternalWatch
from .menus import build_menus, rebuild_label_menu
from .session import load_view_options, restore_window, save_session, saved_panes
from .status import StatusBar

DOCK_MIN = 170  # the narrowest a side panel gets before it folds away
PANE_MIN = 300  # what a document pane keeps in a narrow window (about 40 characters)


class MainWindow(QMainWindow):
    def __init__(self, workspace, *, restore: bool = True) -> None:
        super().__init__()
        self.workspace = workspace
        self._pending_sizes: list[int] | None = None
        self._fit_pending = False
        self._auto_hidden = False  # the library folded away by fit_docks, not by the user
        self._comparison = None  # the event comparison and statistics windows, made on demand
        self._statistics = None
        self._warm_up = None
        self.restore_requested = None  # a backup file to restore once this window has closed
        self.setWindowTitle("Annotator")
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        options = load_view_options() if restore else {}
        self.theme_choice = options.get("theme", theme.SYSTEM)
        self.bridge = ChangeBridge(workspace, self)
        self.external = ExternalWatch(workspace, self)  # changes other programs commit
        self.documents = OpenDocuments(workspace, self.bridge, self)
        self.editor = Editor(workspace, self.documents, self.bridge, self)
        self.editor.error_parent = self
        self.links = OpenLinks(workspace, self.bridge, self)  # the open documents' links
        self.panes = PaneArea(self.documents, self.editor, self, links=self.links)
        self.setCentralWidget(self.panes)
        self.library = LibraryPanel(
            workspace, self.documents, self.bridge, self, editor=self.editor
        )
        self.library_dock = self._dock("Library", "libraryDock", self.library)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library_dock)
        self.search_panel = SearchPanel(workspace, self.bridge, self)
        self.search_dock = self._dock("Search", "searchDock", self.search_panel)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.search_dock)
        self.tabifyDockWidget(self.library_dock, self.search_dock)
        self.search_dock.hide()  # until Ctrl+Shift+F (Edit > Search all documents)
        self.annotations = AnnotationPanel(self.documents, self.editor, self)
        self.annotation_dock = self._dock("Annotations", "annotationDock", self.annotations)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.annotation_dock)
        self.links_panel = LinksPanel(self.links, self.editor, self)
        self.links_dock = self._dock("Links", "linksDock", self.links_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.links_dock)
        self.tabifyDockWidget(self.annotation_dock, self.links_dock)
        self.annotation_dock.raise_()
        self.label_bar = LabelBar(self.documents, self)
        self.addToolBar(self.label_bar)
        self.status = StatusBar(workspace, self)
        self.setStatusBar(self.status)
        self.job_host = JobHost(self, self.status.showMessage, self.open_beside)
        self.daily_backup = attach_daily_backup(self)
        self.actions_by_name = build_menus(self)
        rebuild_label_menu(self)
        self._connect()
        read_only.install(self)  # the read-only badge and title, File > Save a copy
        self.panes.set_exact(bool(options.get("exact")))
        self.actions_by_name["exact"].setChecked(self.panes.exact)
        self.panes.set_sync_scroll(bool(options.get("sync_scroll")))
        self.actions_by_name["sync"].setChecked(self.panes.sync_scroll)
        self.apply_theme()
        screen = self.screen().availableGeometry()
        self.resize(min(1400, int(screen.width() * 0.92)), min(860, int(screen.height() * 0.9)))
        self._default_docks = not (restore and restore_window(self))

    def _dock(self, title: str, name: str, widget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        widget.setMinimumWidth(DOCK_MIN)  # docks may shrink before the panes do
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        return dock

    def _connect(self) -> None:
        self.library.openRequested.connect(self.show_document)
        self.library.openBesideRequested.connect(self.open_beside)
        self.panes.activePaneChanged.connect(self._active_pane_changed)
        self.panes.activePaneChanged.connect(lambda _pane: self._schedule_fit())  # pane count
        self.panes.openFailed.connect(lambda m: show_error(self, "Cannot open the document", m))
        self.label_bar.labelClicked.connect(self.tag_active)
        self.label_bar.editSchemeRequested.connect(self.edit_labels)
        self.documents.labelsChanged.connect(lambda: rebuild_label_menu(self))
        self.annotations.spanActivated.connect(self._jump_to_span)
        self.annotations.returnFocus.connect(self._focus_view)
        self.editor.failedEdit.connect(self.status.show_failed)
        self.editor.notice.connect(lambda m: self.status.showMessage(m, 6000))
        self.links_panel.jumpRequested.connect(self.jump_to_link)
        self.search_panel.openRequested.connect(self.open_search_hit)
        self.panes.linkClicked.connect(self._link_clicked)
        self.bridge.changed.connect(self._change_committed)
        self.documents.documentChanged.connect(
            lambda _id: self.status.show_document(self.panes.active)
        )
        self.editor.undo_stack.indexChanged.connect(lambda _i: self._focus_view_soft())
        hints = QApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(lambda _s: self.apply_theme())

    # -- documents -----------------------------------------------------------------------------
    def show_document(self, document_id: str):
        pane = self.panes.show_document(document_id)
        if pane is not None:
            pane.view.setFocus()
        return pane

    def open_beside(self, document_id: str):
        pane = self.panes.open_document(document_id)
        if pane is not None:
            pane.view.setFocus()
        return pane

    def open_selected_beside(self) -> None:
        for document_id in self.library.selected_ids():
            self.open_beside(document_id)

    def open_documents(self, ids: list[str], sizes: list[int] | None = None, active: int = -1):
        for document_id in ids:
            self.panes.open_document(document_id, self.panes.splitter.count())
        panes = self.panes.panes()
        if sizes and len(sizes) == len(panes) and sum(sizes) > 0:
            if self.isVisible():
                self.panes.splitter.setSizes(sizes)
            else:  # sizes only mean something once the window has its size: see showEvent
                self._pending_sizes = sizes
        if panes:
            pane = panes[active] if 0 <= active < len(panes) else panes[0]
            self.panes.set_active(pane)
            pane.view.setFocus()

    def restore_panes(self) -> bool:
        ids, sizes, active = saved_panes(self.workspace)
        known = {d.id for d in self.workspace.documents.list()} if ids else set()
        ids = [i for i in ids if i in known]
        if not ids:
            return False
        self.open_documents(ids, sizes, active)
        return True

    def close_active_pane(self) -> None:
        if self.panes.active is not None:
            self.panes.close_pane(self.panes.active)

    def move_active_pane(self, delta: int) -> None:
        if self.panes.active is not None:
            self.panes.move_pane(self.panes.active, delta)

    def focus_pane(self, delta: int) -> None:
        panes = self.panes.panes()
        if not panes:
            return
        index = panes.index(self.panes.active) if self.panes.active in panes else 0
        pane = panes[(index + delta) % len(panes)]
        self.panes.set_active(pane)
        pane.view.setFocus()

    def _active_pane_changed(self, pane) -> None:
        self.status.show_document(pane)
        if pane is None:
            self.annotations.set_document(None)
            self.library.select_document(None)  # a closed document stays highlighted no more
            return
        # the list and the text share the pane's current span
        self.annotations.set_document(pane.doc, pane.view.selection)
        self.library.select_document(pane.document_id)
        pane.view.noteEditRequested.connect(
            self.annotations.edit_note, Qt.ConnectionType.UniqueConnection
        )

    def show_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search_panel.focus_query()

    def open_search_hit(self, hit) -> None:
        """The hit's document in a pane (the library's way), the hit selected."""
        pane = self.show_document(hit.document_id)
        if pane is not None:
            pane.view.select_range(hit.start, hit.end)

    def _jump_to_span(self, span_id: str) -> None:
        pane = self.panes.active
        if pane is not None:
            pane.view.set_current(span_id, reveal=True)

    def jump_to_link(self, link_id: str) -> None:
        """Go to the link's other end: the end not in the active pane (the source when
        neither is), opening its document beside when it is not open."""
        link = self.links.index.get(link_id)
        if link is None:
            return
        active = self.panes.active.document_id if self.panes.active is not None else None
        if link.source_document_id == active and link.target_document_id != active:
            doc, span = link.target_document_id, link.target_id
        elif active == link.source_document_id:  # both ends here: the other one
            on_source = self.panes.active.view.current == link.source_id
            doc, span = active, link.target_id if on_source else link.source_id
        else:
            doc, span = link.source_document_id, link.source_id
        pane = next((p for p in self.panes.panes() if p.document_id == doc), None)
        if pane is None:
            pane = self.panes.open_document(doc)
        if pane is None:
            return
        self.panes.set_active(pane)
        pane.view.set_current(span, reveal=True)
        pane.view.setFocus()
        self.panes.splitter.select_link(link_id)

    def _link_clicked(self, link_id: str) -> None:
        link = self.links.index.get(link_id)  # (reads the links if they are due: the list too)
        self.links_panel.select_link(link_id)
        if link is None:
            return
        ends = {link.source_document_id: link.source_id, link.target_document_id: link.target_id}
        for pane in self.panes.panes():  # both ends become current where they are shown
            if pane.document_id in ends:
                pane.view.set_current(ends[pane.document_id], reveal=True)

    def _focus_view(self) -> None:
        if self.panes.active is not None:
            self.panes.active.view.setFocus()

    def _focus_view_soft(self) -> None:
        focus = QApplication.focusWidget()
        if focus is None or focus is self:
            self._focus_view()

    def _change_committed(self, change) -> None:
        self.status.show_saved(change.description)

    # -- annotating ----------------------------------------------------------------------------
    def active_view(self):
        return self.panes.active.view if self.panes.active is not None else None

    def tag_active(self, label: str) -> None:
        view = self.active_view()
        if view is not None:
            view.tag_with(label)
            view.setFocus()

    def span_step(self, forward: bool) -> None:
        view = self.active_view()
        if view is not None:
            view.go_to_span(forward)

    def delete_current_span(self) -> None:
        view = self.active_view()
        if view is not None:
            view.delete_current()

    def edit_current_note(self) -> None:
        view = self.active_view()
        if view is not None and view.current is not None:
            self.annotations.edit_note(view.current)

    def find_in_document(self) -> None:
        if self.panes.active is not None:
            self.panes.active.find_bar.open_bar()

    def find_step(self, delta: int) -> None:
        pane = self.panes.active
        if pane is None:
            return
        if not pane.find_bar.isVisible():
            pane.find_bar.open_bar()
        elif delta > 0:
            pane.find_bar.find_next()
        else:
            pane.find_bar.find_previous()

    def focus_filter(self) -> None:
        self.library_dock.show()
        self.library.filter.setFocus()
        self.library.filter.selectAll()

    # -- identity ------------------------------------------------------------------------------
    def ask_author(self) -> str | None:
        """Ask for the user's name (recorded with every span they make) and keep it."""
        from .identity import ask_author

        name = ask_author(self, self.workspace.author)
        if name is not None:
            self.workspace.author = name or None
            self.status.show_author(self.workspace.author)
        return name

    # -- dialogs (imported when first used: they are not on the first screen) ------------------
    def edit_labels(self) -> None:
        from ..dialogs.label_editor import LabelEditorDialog

        dialog = LabelEditorDialog(self.editor, self.documents, self)
        dialog.exec()

    def edit_registries(self) -> None:
        """The actor and event registries (merges there are on the undo stack)."""
        from ..dialogs.registry_manager import RegistryManagerDialog

        RegistryManagerDialog(self.editor, self.bridge, self).exec()

    # -- compare ------------------------------------------------------------------------------
    def show_event_comparison(self, event_id: str | None = None):
        """The event comparison window (one, kept; matplotlib loads when it first shows)."""
        if self._comparison is None:
            from ..dialogs.event_comparison import EventComparisonView

            self._comparison = EventComparisonView(self.workspace, self.bridge, self)
            self._comparison.spanRequested.connect(self.show_span)
        if event_id is not None:
            self._comparison.show_event(event_id)
        self._present(self._comparison)
        return self._comparison

    def show_statistics(self):
        if self._statistics is None:
            from ..dialogs.statistics_view import StatisticsView

            self._statistics = StatisticsView(self.workspace, self.bridge, self)
        self._present(self._statistics)
        return self._statistics

    @staticmethod
    def _present(window) -> None:
        window.show()
        window.raise_()
        window.activateWindow()

    def show_span(self, document_id: str, span_id: str):
        """Show a span: in the pane that has its document, else opened beside."""
        pane = next((p for p in self.panes.panes() if p.document_id == document_id), None)
        if pane is None:
            pane = self.panes.open_document(document_id)
        if pane is None:
            return None
        self.panes.set_active(pane)
        pane.view.set_current(span_id, reveal=True)
        pane.view.setFocus()
        self.activateWindow()
        return pane

    def show_help(self) -> None:
        from ..dialogs.help_dialog import HelpDialog

        HelpDialog(self.documents.labels.records, self).exec()

    def restore_from_backup(self) -> None:
        ask_restore(self)

    def show_about(self) -> None:
        from ..dialogs.help_dialog import show_about

        show_about(self)

    def import_files(self) -> None:
        from ..jobs.import_runner import ask_and_import

        ask_and_import(self.workspace, self.job_host, folder=False)

    def import_folder(self) -> None:
        from ..jobs.import_runner import ask_and_import

        ask_and_import(self.workspace, self.job_host, folder=True)

    def export_dialog(self):
        from ..dialogs.export_dialog import ask_and_export

        pane = self.panes.active
        return ask_and_export(
            self.workspace,
            self.job_host,
            current_id=pane.document_id if pane is not None else None,
            selected_ids=self.library.selected_ids(),
            dark=self.panes.dark,
        )

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            from ..jobs.import_runner import preview_and_import

            preview_and_import(self.workspace, self.job_host, paths)

    # -- theme and closing ---------------------------------------------------------------------
    def set_theme(self, choice: str) -> None:
        self.theme_choice = choice
        self.apply_theme()

    def apply_theme(self) -> None:
        dark = theme.apply_theme(QApplication.instance(), self.theme_choice)
        self.panes.set_dark(dark)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._schedule_fit()

    def _schedule_fit(self) -> None:
        if not self._fit_pending:
            self._fit_pending = True
            QTimer.singleShot(0, self.fit_docks)

    def _side_docks(self):
        """The docks beside the panes; the Links dock counts when it is not in a tab with
        the Annotations dock (or that one is closed)."""
        docks = [self.library_dock, self.annotation_dock]
        tabbed = self.links_dock in self.tabifiedDockWidgets(self.annotation_dock)
        if not tabbed or not self.annotation_dock.isVisible():
            docks.append(self.links_dock)
        return docks

    def fit_docks(self) -> None:
        """In a narrow window the side panels give way first: they shrink to DOCK_MIN, then
        the library folds away (it comes back when the window is wide again), so that every
        pane keeps about PANE_MIN pixels: a readable line, not three words."""
        self._fit_pending = False
        docks = [d for d in self._side_docks() if d.isVisible()]
        panes = max(1, len(self.panes.panes()))
        need = PANE_MIN * panes
        if self._auto_hidden and self.width() - 2 * DOCK_MIN >= need + DOCK_MIN:
            self._auto_hidden = False
            self.library_dock.show()
            docks = [d for d in self._side_docks() if d.isVisible()]
        spare = self.width() - need
        if not docks or spare >= sum(d.width() for d in docks):
            return
        if spare >= DOCK_MIN * len(docks):  # shrink them, in proportion
            total = sum(d.width() for d in docks)
            sizes = [max(DOCK_MIN, d.width() * spare // total) for d in docks]
            self.resizeDocks(docks, sizes, Qt.Orientation.Horizontal)
            return
        self.resizeDocks(docks, [DOCK_MIN] * len(docks), Qt.Orientation.Horizontal)
        if self.library_dock.isVisible() and len(docks) > 1:  # still too narrow: fold one
            self._auto_hidden = True
            self.library_dock.hide()
            self.search_dock.hide()  # in a tab with the library: it would take its place

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._warm_up is None:  # the first showing: what the first tag needs, meanwhile
            from .warm_up import warm_up_later

            self._warm_up = warm_up_later(self)
            if self.daily_backup is not None:
                self.daily_backup.start()
        if self._default_docks:  # first launch: a useful share of the width for the docks
            self._default_docks = False
            self.annotation_dock.raise_()  # its tab in front of the Links tab
            width = self.width()
            self.resizeDocks(
                [self.library_dock, self.annotation_dock],
                [max(260, width // 5), max(260, width // 5)],
                Qt.Orientation.Horizontal,
            )
        self.fit_docks()  # before the panes get their saved sizes
        sizes, self._pending_sizes = self._pending_sizes, None
        if sizes:
            QTimer.singleShot(0, lambda: self.panes.splitter.setSizes(sizes))

    def closeEvent(self, event) -> None:
        self.annotations.commit_note()
        self.links_panel.commit_note()
        if self._auto_hidden:  # folded away for a narrow window, not closed by the user
            self.library_dock.show()
        save_session(self)
        self.external.stop()
        if self.daily_backup is not None:
            self.daily_backup.stop()  # a copy being written is finished first
        self.bridge.detach()
        super().closeEvent(event)
