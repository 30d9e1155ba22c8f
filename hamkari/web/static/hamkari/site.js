// The side list jumps to the words of a fact and flashes them.
document.addEventListener("click", function (event) {
  var link = event.target.closest("a.jump");
  if (!link) { return; }
  var mark = document.getElementById(link.dataset.target);
  if (!mark) { return; }
  event.preventDefault();
  mark.scrollIntoView({ behavior: "smooth", block: "center" });
  mark.classList.add("flash");
  setTimeout(function () { mark.classList.remove("flash"); }, 1500);
  history.replaceState(null, "", "#" + link.dataset.target);
});
