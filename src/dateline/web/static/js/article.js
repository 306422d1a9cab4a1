// Article page: hovering an entity mention highlights every mention of the same entity.
"use strict";
(function () {
  const marks = document.querySelectorAll(".stext [data-key]");
  function toggle(key, on) {
    for (const m of marks) if (m.dataset.key === key) m.classList.toggle("hl", on);
  }
  for (const m of marks) {
    m.addEventListener("mouseenter", () => toggle(m.dataset.key, true));
    m.addEventListener("mouseleave", () => toggle(m.dataset.key, false));
  }
})();
