// The page that follows long work (backoffice/work.html): asks the work's status every second, moves the bar,
// writes the counts and the time left, and reloads the page when the work has ended (the page then shows the
// outcome). Without scripts the page reloads itself every two seconds (<noscript> refresh).
(function () {
  "use strict";
  var root = document.getElementById("work");
  if (!root || root.dataset.finished === "1") { return; }
  var bar = document.getElementById("work-bar");
  var counts = document.getElementById("work-counts");
  var state = document.getElementById("work-state");

  function clock(seconds) {
    var s = Math.max(0, Math.round(seconds));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    var mm = (m < 10 ? "0" : "") + m, ss = (r < 10 ? "0" : "") + r;
    return h ? h + ":" + mm + ":" + ss : mm + ":" + ss;
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function show(status) {
    state.textContent = status.state_label;
    if (status.total) {
      bar.max = status.total;
      bar.value = status.done;
      var left = status.seconds_left === null ? root.dataset.textEstimating
        : fill(root.dataset.textLeft, { time: clock(status.seconds_left) });
      counts.textContent = fill(root.dataset.textCounts, {
        done: status.done.toLocaleString(), total: status.total.toLocaleString()
      }) + " (" + Math.floor(100 * status.share) + "%) " + left;
    } else if (status.done) {
      counts.textContent = fill(root.dataset.textDoneOnly, { done: status.done.toLocaleString() });
    }
  }

  function ask() {
    fetch(root.dataset.statusUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) {
        if (!status) { window.setTimeout(ask, 3000); return; }
        show(status);
        if (status.finished) { window.location.reload(); } else { window.setTimeout(ask, 1000); }
      })
      .catch(function () { window.setTimeout(ask, 3000); });
  }

  window.setTimeout(ask, 500);
})();
