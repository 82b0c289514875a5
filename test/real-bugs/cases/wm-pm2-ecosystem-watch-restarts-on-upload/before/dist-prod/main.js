const express = require('express');
const multer = require('multer');

const app = express();
const upload = multer({ dest: 'app/public/uploads' });
app.use(express.static('app/public'));
app.post('/upload', upload.single('file'), (req, res) => res.json({ file: req.file.filename }));
const server = app.listen(process.env.PORT || 3000);
process.on('SIGINT', () => server.close());
