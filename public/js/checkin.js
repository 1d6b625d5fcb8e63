// The door's QR scanner (issue 13): the camera's frames go through jsQR (served from /assets/vendor/jsqr,
// CSP-safe); a code read opens that person's card, exactly as typing it into the search field would.
// Without JS, or without a camera, the field alone does the job.
(function () {
  'use strict';
  var section = document.getElementById('door-scanner');
  if (!section) return;
  var doorUrl = section.getAttribute('data-door-url');
  var video = document.getElementById('door-video');
  var toggle = document.getElementById('door-scan-toggle');
  var status = document.getElementById('door-scan-status');
  var canvas = document.createElement('canvas');
  var context = canvas.getContext('2d', { willReadFrequently: true });
  var stream = null;
  var opened = false;

  function say(text) { if (status) status.textContent = text; }

  /** Decodes the QR code in an image, a video frame or a canvas; the text it holds, or null. */
  function decode(source, width, height) {
    if (typeof window.jsQR !== 'function' || !width || !height) return null;
    // a phone camera's frame is large; a third of it still holds a badge's code in plenty of pixels
    var scale = Math.min(1, 800 / Math.max(width, height));
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    context.drawImage(source, 0, 0, canvas.width, canvas.height);
    var frame = context.getImageData(0, 0, canvas.width, canvas.height);
    var found = window.jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' });
    return found && found.data ? found.data : null;
  }

  /** Opens the card of the person a code names (the server reads codes, numbers and surnames alike). */
  function open(text) {
    if (opened) return;
    opened = true;
    stop();
    window.location.assign(doorUrl + '?q=' + encodeURIComponent(text));
  }

  function stop() {
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null;
    video.hidden = true;
    toggle.textContent = section.getAttribute('data-start');
  }

  function tick() {
    if (!stream) return;
    if (video.readyState >= 2) {
      var text = decode(video, video.videoWidth, video.videoHeight);
      if (text) return open(text);
    }
    window.requestAnimationFrame(tick);
  }

  function start() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return say(section.getAttribute('data-no-camera'));
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }).then(function (s) {
      stream = s;
      video.srcObject = s;
      video.hidden = false;
      toggle.textContent = section.getAttribute('data-stop');
      return video.play().then(tick);
    }).catch(function () {
      stop();
      say(section.getAttribute('data-no-camera'));
    });
  }

  section.hidden = false;
  toggle.addEventListener('click', function () { if (stream) stop(); else start(); });
  window.addEventListener('pagehide', stop);

  // for the browser test (and a photo of a code, some day): decode an <img> and open what it names
  window.laureateCheckin = {
    decodeImage: function (img) { return decode(img, img.naturalWidth, img.naturalHeight); },
    scanImage: function (img) {
      var text = decode(img, img.naturalWidth, img.naturalHeight);
      if (text) open(text);
      return text;
    },
  };
})();
