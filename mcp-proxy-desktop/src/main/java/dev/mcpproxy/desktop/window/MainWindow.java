package dev.mcpproxy.desktop.window;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.web.WebEngine;
import javafx.scene.web.WebView;
import javafx.stage.Stage;

/**
 * The app's one window: the sidecar's UI in a web view, over which it shows what is going on while there is no UI to
 * show (starting, stopping) and, when the sidecar cannot be kept running, why, with its last lines and Retry. All
 * methods are called on the FX thread.
 */
public final class MainWindow {

    private final Stage stage;
    private final WebView web = new WebView();
    private final VBox progress;
    private final Label progressWords = new Label();
    private final VBox failure;
    private final Label failureWords = new Label();
    private final TextArea lastLines = new TextArea();
    private final Button retryButton = new Button("Retry");
    private final ServersShown serversShown = new ServersShown(web.getEngine());

    public MainWindow(Stage stage, Runnable retry) {
        this.stage = stage;
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(48, 48);
        progress = new VBox(16, spinner, progressWords);
        progress.setAlignment(Pos.CENTER);
        progress.setId("progress");
        progress.setStyle("-fx-background-color: -fx-background;");

        Label heading = new Label("MCP Proxy is not running");
        heading.setStyle("-fx-font-size: 18px; -fx-font-weight: bold;");
        failureWords.setWrapText(true);
        failureWords.setId("failure-reason");
        lastLines.setEditable(false);
        lastLines.setId("last-lines");
        lastLines.setStyle("-fx-font-family: monospace;");
        VBox.setVgrow(lastLines, Priority.ALWAYS);
        retryButton.setDefaultButton(true);
        retryButton.setOnAction(event -> retry.run());
        failure = new VBox(12, heading, failureWords, new Label("Its last lines:"), lastLines, retryButton);
        failure.setPadding(new Insets(24));
        failure.setId("failure");
        failure.setStyle("-fx-background-color: -fx-background;");

        StackPane root = new StackPane(web, progress, failure);
        stage.setTitle("MCP Proxy");
        stage.setScene(new Scene(root, 1200, 800));
        showProgress("Starting MCP Proxy…");
    }

    public Stage stage() {
        return stage;
    }

    public WebEngine engine() {
        return web.getEngine();
    }

    public WebView webView() {
        return web;
    }

    /** Covers the page with a spinner and words: starting, stopping N servers. */
    public void showProgress(String words) {
        progressWords.setText(words);
        show(progress);
    }

    /** Shows the page, with {@code address} loaded in it; the first time, watches for the servers list to show. */
    public void showPage(String address) {
        show(web);
        web.getEngine().load(address);
        serversShown.watch();
    }

    /** Covers the page again with the reason the sidecar is not running, its last lines, and Retry. */
    public void showFailure(String message, List<String> lines) {
        failureWords.setText(message);
        lastLines.setText(String.join("\n", lines));
        show(failure);
        // Enter or Space retries at once, whatever had the focus before (the page, hidden now).
        retryButton.requestFocus();
    }

    /** Which of the three is shown: the page, the progress or the failure. */
    public String showing() {
        return failure.isVisible() ? "failure" : progress.isVisible() ? "progress" : "page";
    }

    private void show(Node shown) {
        for (Node node : List.of(web, progress, failure)) {
            node.setVisible(node == shown);
        }
    }
}
