FROM node:12.16.1
WORKDIR /app
COPY ./package.json ./package-lock.json ./
RUN npm ci
COPY ./src ./src
COPY ./.babelrc ./
EXPOSE 80
CMD npm run dev
