import { render } from "preact";
import { App } from "./App";
import { interceptLinks } from "./router";
import { connect } from "./state";
import "./styles.css";

const root = document.getElementById("app");
if (root) {
  interceptLinks(root);
  render(<App />, root);
  connect();
}
