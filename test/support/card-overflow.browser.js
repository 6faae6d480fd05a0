// Runs in the browser page of the card layout test (not compiled): renders an Adaptive Card with the Adaptive
// Cards renderer into #card and lists what does not fit there.
window.kuemmererOverflows = function (json) {
  var host = document.getElementById('card');
  host.innerHTML = '';
  var adaptiveCard = new AdaptiveCards.AdaptiveCard();
  adaptiveCard.parse(json);
  host.appendChild(adaptiveCard.render());
  var box = host.getBoundingClientRect();
  var canvas = document.createElement('canvas').getContext('2d');
  var name = function (el) {
    var cls = el.className ? '.' + String(el.className).split(' ')[0] : '';
    return el.tagName.toLowerCase() + cls + ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
  };
  var problems = [];
  Array.prototype.forEach.call(host.querySelectorAll('*'), function (el) {
    var style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || el.offsetParent === null) return;
    var rect = el.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) return;
    if (rect.right > box.right + 1 || rect.left < box.left - 1) {
      problems.push(name(el) + ' sticks out (' + Math.round(rect.left) + '–' + Math.round(rect.right) + ' of ' + Math.round(box.width) + ' px)');
    }
    var clips = style.overflowX === 'hidden' || style.textOverflow === 'ellipsis';
    if (clips && el.children.length === 0 && el.scrollWidth > el.clientWidth + 1) {
      problems.push(name(el) + ' is cut off (' + el.scrollWidth + ' px in ' + el.clientWidth + ' px)');
    }
    if (el.tagName === 'SELECT') {
      canvas.font = style.font;
      var widest = 0;
      Array.prototype.forEach.call(el.options, function (o) {
        widest = Math.max(widest, canvas.measureText(o.text).width);
      });
      // What a drop-down shows of its choice: its width less its padding (the page gives it Teams' room for the arrow).
      var shown = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (widest > shown + 1) problems.push(name(el) + ': a choice is ' + Math.round(widest) + ' px wide, the drop-down shows ' + Math.round(shown) + ' px');
    }
  });
  return problems;
};
